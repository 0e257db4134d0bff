import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import {
  CallLogSimulator,
  type CallLogSimulatorOptions,
  hex,
  integer,
  pick,
  type RequestBudget,
  type SimulatorAnswer,
  type SimulatorRequest,
  SlidingWindowBudget,
  seededRandom,
} from '@cdr/core/testing';

/** `calls`: call legs, default 200; `days`: default 3; `now`: epoch ms. */
export interface TelnyxSimulatorOptions extends CallLogSimulatorOptions {
  /** The account's request budget, a sliding window. Default 10 a second (inferred, see README). */
  rateLimit?: RequestBudget | false;
  /** The record types the account has; others answer 400. Default the three voice types. */
  recordTypes?: readonly string[];
}

export interface SimulatedTelnyxCall {
  id: string;
  time: number;
  recordType: string;
  direction: 'inbound' | 'outbound';
  status: 'answered' | 'missed' | 'failed';
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

/** A Call Control webhook as Telnyx sends it: the raw body and its signature headers. */
export interface SignedTelnyxPush {
  body: string;
  headers: Record<string, string>;
}

type TelnyxError = { code: string; title: string; detail: string; source?: { pointer: string } };
const error = (status: number, ...errors: TelnyxError[]): SimulatorAnswer => ({
  status,
  body: { errors },
});
const isoSecond = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const uuid = (random: () => number) => {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-1${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const usNumber = (random: () => number) =>
  `+1${integer(random, 201, 989)}${integer(random, 200, 999)}${String(integer(random, 0, 9999)).padStart(4, '0')}`;
// An ISO date-time or a date (`2021-06-22`): what `filter[…][gte]` takes.
const bound = (value: string | null): number | 'invalid' | undefined => {
  if (value === null) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.test(value))
    return 'invalid';
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? 'invalid' : ms;
};
const hangupCauses: Record<SimulatedTelnyxCall['status'], readonly string[]> = {
  answered: ['normal_clearing'],
  missed: ['no_answer', 'originator_cancel', 'timeout'],
  failed: ['not_found'],
};

/**
 * Telnyx's `GET /v2/detail_records` on 127.0.0.1, for tests and the demo, over a seeded set
 * of voice call legs (oldest first). It serves what the fact sheet says: Bearer API key,
 * the required `filter[record_type]` (400 "No matching record type" otherwise),
 * `filter[started_at][gte|lt]`, `filter[id]`, `page[size]` 1–50, `page[number]` with
 * `meta.total_pages`/`total_results`, Telnyx's error bodies, its 429 (code 10011, with
 * `x-ratelimit-*` headers) when the budget is spent — and signed `call.hangup` webhooks
 * (Ed25519 over `timestamp|body`) for the calls it lists.
 */
export class TelnyxSimulator extends CallLogSimulator<SimulatedTelnyxCall> {
  readonly apiKey: string;
  /** The account's Ed25519 public key as Mission Control shows it: base64 of the raw 32 bytes. */
  readonly publicKey: string;
  readonly #privateKey: ReturnType<typeof createPrivateKey>;
  readonly #budget: SlidingWindowBudget | undefined;
  readonly #recordTypes: readonly string[];

  private constructor(options: TelnyxSimulatorOptions) {
    super('TelnyxSimulator', options);
    const random = seededRandom(options.seed ?? 1);
    this.apiKey = `KEY${hex(random, 32).toUpperCase()}_${hex(random, 22)}`;
    // A seeded Ed25519 key: PKCS#8 prefix + 32-byte seed.
    const seed = Buffer.from(hex(random, 64), 'hex');
    this.#privateKey = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const jwk = createPublicKey(this.#privateKey).export({ format: 'jwk' });
    this.publicKey = Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
    const budget = options.rateLimit ?? { limit: 10, intervalMs: 1000 };
    this.#budget = budget ? new SlidingWindowBudget(budget) : undefined;
    this.#recordTypes = options.recordTypes ?? ['call-control', 'sip-trunking', 'webrtc'];
    const span = (options.days ?? 3) * 86_400_000;
    const times = Array.from(
      { length: options.calls ?? 200 },
      () => Math.floor((this.now - Math.floor(random() * span)) / 1000) * 1000,
    ).sort((a, b) => a - b);
    for (const time of times) {
      const recordType = pick(random, this.#recordTypes);
      const direction = random() < 0.5 ? 'inbound' : 'outbound';
      const draw = random();
      const status =
        recordType === 'call-control' && draw < 0.1 ? 'failed' : draw < 0.7 ? 'answered' : 'missed';
      this.#add(random, time, recordType, direction, status);
    }
  }

  #add(
    random: () => number,
    time: number,
    recordType: string,
    direction: SimulatedTelnyxCall['direction'],
    status: SimulatedTelnyxCall['status'],
  ): void {
    const id = uuid(random);
    const ring = integer(random, 2, 30);
    const talk = status === 'answered' ? integer(random, 1, 900) : 0;
    const billed = Math.ceil(talk / 60) * 60;
    const rate = pick(random, ['0.002', '0.0035', '0.007']);
    const cost = ((billed / 60) * Number(rate)).toFixed(4);
    const ours = usNumber(random);
    const theirs = usNumber(random);
    const record: Record<string, unknown> = {
      id,
      record_type: `${recordType.replace('-', '_')}_detail_record`,
      direction,
      cli: direction === 'outbound' ? ours : theirs,
      cld: direction === 'outbound' ? theirs : ours,
      caller_name: '',
      started_at: isoSecond(time),
      finished_at: isoSecond(time + (ring + talk) * 1000),
      ...(recordType !== 'webrtc' && status === 'answered'
        ? { answered_at: isoSecond(time + ring * 1000) }
        : {}),
      call_sec: talk,
      billed_sec: billed,
      rate,
      cost,
      currency: 'USD',
      payment_method: 'rate-deck',
      telnyx_leg_id: id,
      telnyx_session_id: uuid(random),
      telnyx_call_control_id: recordType === 'call-control' ? `v3:${hex(random, 40)}` : '',
      connection_id: String(integer(random, 1_000_000_000, 2_000_000_000)),
      connection_name: `${recordType}-app`,
      billing_group_id: 60,
      billing_group_name: '',
      tags: '',
      country_code: 1,
      source_country_code: 1,
      ...(recordType === 'call-control'
        ? { connected: status === 'answered', attempted: status !== 'failed' }
        : {}),
      ...(recordType === 'webrtc'
        ? {
            auth_username: `agent${integer(random, 10, 99)}`,
            session_id: uuid(random),
            call_id: uuid(random),
          }
        : {}),
      ...(recordType === 'sip-trunking'
        ? { sip_call_id: `otb_${hex(random, 16)}`, is_webrtc: false }
        : {}),
    };
    this.store.add({ id, time, recordType, direction, status, record });
  }

  /** 429s answered for the budget (not the injected ones). */
  get rateLimitedCount(): number {
    return this.#budget?.refused ?? 0;
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: TelnyxSimulatorOptions = {}): Promise<TelnyxSimulator> {
    const simulator = new TelnyxSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return {
      ...error(429, {
        code: '10011',
        title: 'Too many requests',
        detail: 'You have exceeded the maximum number of allowed requests.',
      }),
      headers: {
        'x-ratelimit-limit': String(this.#budget?.limit ?? 0),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1',
      },
    };
  }

  /**
   * The `call.hangup` webhook Telnyx sends when call `id` ends, signed with the account's
   * key at `timestamp` (UNIX seconds; default the call's end): `telnyx-signature-ed25519` is
   * base64 of the Ed25519 signature of `${timestamp}|${body}`.
   */
  hangupPush(id: string, timestamp?: number): SignedTelnyxPush {
    const call = this.store.get(id);
    if (!call) throw new Error(`no simulated call ${id}`);
    const record = call.record;
    const ended = Date.parse(String(record.finished_at));
    const random = seededRandom(ended);
    const body = JSON.stringify({
      data: {
        event_type: 'call.hangup',
        id: uuid(random),
        occurred_at: `${String(record.finished_at).slice(0, 19)}.000000Z`,
        payload: {
          call_control_id: record.telnyx_call_control_id || `v3:${hex(random, 40)}`,
          call_leg_id: call.id,
          call_session_id: record.telnyx_session_id,
          connection_id: record.connection_id,
          from: record.cli,
          to: record.cld,
          hangup_cause: pick(random, hangupCauses[call.status]),
          hangup_source: pick(random, ['caller', 'callee']),
          sip_hangup_cause: call.status === 'answered' ? '200' : '487',
          start_time: `${String(record.started_at).slice(0, 19)}.000000Z`,
          state: 'hangup',
        },
        record_type: 'event',
      },
      meta: { attempt: 1, delivered_to: 'https://example.com/telnyx' },
    });
    return this.sign(body, timestamp ?? Math.floor(ended / 1000));
  }

  /** Signs any body as Telnyx does, at `timestamp` (UNIX seconds). */
  sign(body: string, timestamp: number): SignedTelnyxPush {
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), this.#privateKey);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'telnyx-signature-ed25519': signature.toString('base64'),
        'telnyx-timestamp': String(timestamp),
      },
    };
  }

  #served(call: SimulatedTelnyxCall): Record<string, unknown> {
    const echo = this.echo;
    const record = echo
      ? { ...call.record, caller_name: echo, connection_name: echo, tags: echo }
      : call.record;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    if (request.url.pathname !== '/v2/detail_records' || request.method !== 'GET')
      return error(404, {
        code: '10005',
        title: 'Resource not found',
        detail: 'The requested resource or URL could not be found.',
        source: { pointer: '/' },
      });
    if (request.headers.authorization !== `Bearer ${this.apiKey}`)
      return error(401, {
        code: '10009',
        title: 'Authentication failed',
        detail: 'Could not understand the provided credentials.',
      });
    if (this.#budget && !this.#budget.take()) return this.rateLimitedAnswer();
    const query = request.url.searchParams;
    const recordType = query.get('filter[record_type]');
    if (recordType === null || !this.#recordTypes.includes(recordType))
      return error(400, {
        code: '10011',
        title: 'Bad Request',
        detail: `No matching record type was found matching given record type ${recordType ?? ''}`,
      });
    const invalid = (parameter: string, detail: string) =>
      error(422, {
        code: '10015',
        title: 'Bad Request',
        detail,
        source: { pointer: `/${parameter}` },
      });
    const from = bound(query.get('filter[started_at][gte]'));
    const to = bound(query.get('filter[started_at][lt]'));
    if (from === 'invalid') return invalid('filter[started_at][gte]', 'expected a date-time');
    if (to === 'invalid') return invalid('filter[started_at][lt]', 'expected a date-time');
    const size = Number(query.get('page[size]') ?? '20');
    if (!Number.isInteger(size) || size < 1 || size > 50)
      return invalid('page[size]', 'page[size] must be between 1 and 50');
    const number = Number(query.get('page[number]') ?? '1');
    if (!Number.isInteger(number) || number < 1)
      return invalid('page[number]', 'page[number] must be a positive integer');
    const id = query.get('filter[id]');
    const direction = query.get('filter[direction]');
    const matching = this.store
      .startingBetween(from, to)
      .filter(
        (call) =>
          call.recordType === recordType &&
          (id === null || call.id === id) &&
          (direction === null || call.direction === direction),
      );
    const data = matching
      .slice((number - 1) * size, number * size)
      .map((call) => this.#served(call));
    return {
      status: 200,
      headers: {
        'x-ratelimit-limit': String(this.#budget?.limit ?? 0),
        'x-ratelimit-remaining': String(this.#budget?.remaining() ?? 0),
        'x-ratelimit-reset': '1',
      },
      body: {
        data,
        meta: {
          total_pages: Math.ceil(matching.length / size),
          total_results: matching.length,
          page_number: number,
          page_size: size,
        },
      },
    };
  }
}
