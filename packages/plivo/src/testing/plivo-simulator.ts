import type { CallDirection, CallStatus } from '@cdr/core';
import {
  CallLogSimulator,
  type CallLogSimulatorOptions,
  hex,
  indianMobile,
  integer,
  pick,
  type RequestBudget,
  type SimulatedCallFilter,
  type SimulatedCallWindow,
  type SimulatorAnswer,
  type SimulatorRequest,
  SlidingWindowBudget,
  seededRandom,
} from '@cdr/core/testing';
import { computePlivoV3Signature } from '../plivo-signature.js';

/**
 * `calls`: A and B legs, default 200; `days`: default 3; `now`: epoch ms, the end of the
 * data set and the simulator's clock (default window).
 */
export interface PlivoSimulatorOptions extends CallLogSimulatorOptions {
  /** The account's offset, as records are written (`+05:30`). Default `+05:30`, as in every docs sample. */
  offset?: string;
  /** The account's budget, a sliding window. Default 300 requests per 5 s, as documented. */
  rateLimit?: RequestBudget;
  /** `Retry-After` of its 429, in seconds; `undefined` (the default) sends none, as documented. */
  retryAfterSeconds?: number | undefined;
}

export interface SimulatedPlivoCall {
  id: string;
  /** `initiation_time`, epoch ms (the Call's `startedAt`). */
  time: number;
  /** `end_time`, epoch ms: what the API filters and sorts on. */
  end: number;
  direction: CallDirection;
  status: CallStatus;
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

/** Which calls of the ground truth (Call words). */
export type PlivoCallFilter = SimulatedCallFilter;

const dayMs = 86_400_000;
const newestEndFirst = (a: SimulatedPlivoCall, b: SimulatedPlivoCall) =>
  b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const uuid = (random: () => number) => {
  const text = hex(random, 32).toLowerCase();
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-4${text.slice(13, 16)}-a${text.slice(17, 20)}-${text.slice(20)}`;
};
const usNumber = (random: () => number) =>
  `1${integer(random, 201, 989)}${integer(random, 2_000_000, 9_999_999)}`;

/** `YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`, UTC, as the filters take it; `undefined` for no value. */
function parseFilterTime(value: string | null): number | undefined | 'invalid' {
  if (value === null) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(
    value,
  );
  if (!match) return 'invalid';
  const ms = Date.parse(
    `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}.${(match[7] ?? '0').padEnd(3, '0').slice(0, 3)}Z`,
  );
  return Number.isNaN(ms) ? 'invalid' : ms;
}

/**
 * Plivo's Voice API on 127.0.0.1, for tests, the demo and benchmarks, over a seeded data set
 * of A legs and the B legs they dial. `ApiSimulator` gives the server, latency, faults,
 * echoing records and `/__truth`; this class serves, as the fact sheet describes them:
 *
 * - `GET /v1/Account/{auth_id}/Call/`: HTTP Basic (Auth ID, Auth Token); completed calls,
 *   filtered on `end_time` (`end_time`, `__gt`, `__gte`, `__lt`, `__lte`, UTC
 *   `YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`; none: the last 7 days; one bound: 30 days from it; two
 *   more than 30 days apart: 400), `call_direction`, `parent_call_uuid`; `limit` 1–20
 *   (default 20), `offset`; newest `end_time` first; `meta.next` a relative URL with the
 *   window the server used written in, `null` on the last page;
 * - `GET /v1/Account/{auth_id}/Call/{call_uuid}/`;
 * - error bodies `{api_id, error}`: 401, 404 `not found`, 400, 405; 429 past the budget
 *   (300 requests per 5 s), with no `Retry-After` unless asked;
 * - `hangupCallback`: the form Plivo posts to a `hangup_url`, signed V3.
 */
export class PlivoSimulator extends CallLogSimulator<SimulatedPlivoCall> {
  readonly authId: string;
  readonly authToken: string;
  readonly offset: string;
  /** By `end_time` descending, then id: the API's order (the store has them by start). */
  readonly #byEnd: SimulatedPlivoCall[] = [];
  readonly #budget: SlidingWindowBudget;
  readonly #retryAfterSeconds: number | undefined;
  readonly #offsetMs: number;
  #apiIds = 0;

  private constructor(options: PlivoSimulatorOptions) {
    super('PlivoSimulator', options);
    const random = seededRandom(options.seed ?? 1);
    this.authId = `MA${hex(random, 18).toUpperCase()}`;
    this.authToken = hex(random, 40);
    this.offset = options.offset ?? '+05:30';
    const offsetMatch = /^([+-])(\d{2}):(\d{2})$/.exec(this.offset);
    if (!offsetMatch) throw new Error(`offset ${this.offset}: expected ±HH:MM`);
    this.#offsetMs =
      (Number(offsetMatch[2]) * 60 + Number(offsetMatch[3])) *
      60_000 *
      (offsetMatch[1] === '-' ? -1 : 1);
    this.#budget = new SlidingWindowBudget(options.rateLimit ?? { limit: 300, intervalMs: 5000 });
    this.#retryAfterSeconds = options.retryAfterSeconds;
    const span = (options.days ?? 3) * dayMs;
    const total = options.calls ?? 200;
    while (this.#byEnd.length < total) {
      // Whole seconds; every call over (ended) before `now`.
      const time =
        Math.floor(
          (this.now - 3 * 3_600_000 - Math.floor(random() * (span - 3 * 3_600_000))) / 1000,
        ) * 1000;
      const direction = pick(random, ['inbound', 'inbound', 'outbound'] as const);
      const from = direction === 'inbound' ? usNumber(random) : `+91${indianMobile(random)}`;
      const to =
        direction === 'inbound' ? `+1${usNumber(random).slice(1)}` : `91${indianMobile(random)}`;
      const parent = this.#add(random, { time, direction, from, to, parent: null });
      // An inbound call answered and <Dial>led to an agent's endpoint: a B leg, outbound.
      if (
        direction === 'inbound' &&
        parent.status === 'answered' &&
        random() < 0.4 &&
        this.#byEnd.length < total
      ) {
        this.#add(random, {
          time: time + integer(random, 1, 10) * 1000,
          direction: 'outbound',
          from,
          to: pick(random, [
            `sip:alice${hex(random, 8).toLowerCase()}@phone.plivo.com`,
            `sip:bob${hex(random, 8).toLowerCase()}@phone.plivo.com`,
            `+1${usNumber(random).slice(1)}`,
          ]),
          parent: parent.id,
        });
      }
    }
    this.#byEnd.sort(newestEndFirst);
  }

  /** 429s answered for the budget (not the injected ones). */
  get rateLimitedCount(): number {
    return this.#budget.refused;
  }

  /** A time as Plivo writes it: the account's local time with its offset. */
  #local(ms: number): string {
    return `${new Date(ms + this.#offsetMs).toISOString().slice(0, 19).replace('T', ' ')}${this.offset}`;
  }

  #add(
    random: () => number,
    leg: {
      time: number;
      direction: 'inbound' | 'outbound';
      from: string;
      to: string;
      parent: string | null;
    },
  ): SimulatedPlivoCall {
    const id = uuid(random);
    const draw = random();
    const outcome =
      draw < 0.65 ? 'answered' : draw < 0.8 ? 'missed' : draw < 0.9 ? 'busy' : 'failed';
    const ring = integer(random, 1, 25);
    const talk = outcome === 'answered' ? integer(random, 1, 3600) : 0;
    const end = leg.time + (ring + talk) * 1000;
    const billed = talk === 0 ? 0 : Math.ceil(talk / 60) * 60;
    const rate = pick(random, ['0.00850', '0.03570', '0.00300']);
    const cause =
      outcome === 'answered'
        ? pick(random, [
            [4000, 'Normal Hangup', 'Callee'],
            [4010, 'End Of XML Instructions', 'Plivo'],
          ] as const)
        : outcome === 'missed'
          ? ([1000, 'Canceled', 'API Request'] as const)
          : outcome === 'busy'
            ? ([3000, 'Busy Line', 'Callee'] as const)
            : pick(random, [
                [2000, 'Invalid Destination Address', 'Carrier'],
                [2010, 'Destination Out Of Service', 'Carrier'],
              ] as const);
    const record: Record<string, unknown> = {
      answer_time: talk > 0 ? this.#local(leg.time + ring * 1000) : null,
      api_id: '',
      bill_duration: talk,
      billed_duration: billed,
      call_direction: leg.direction,
      call_duration: ring + talk,
      call_uuid: id,
      end_time: this.#local(end),
      from_number: leg.from,
      hangup_cause_code: cause[0],
      hangup_cause_name: cause[1],
      hangup_source: cause[2],
      initiation_time: this.#local(leg.time),
      parent_call_uuid: leg.parent,
      resource_uri: `/v1/Account/${this.authId}/Call/${id}/`,
      to_number: leg.to,
      total_amount: ((Number(rate) * billed) / 60).toFixed(5),
      total_rate: rate,
      stir_verification: 'Not Applicable',
      voice_network_group: 'USA All Networks',
    };
    const call: SimulatedPlivoCall = {
      id,
      time: leg.time,
      end,
      direction: leg.direction,
      status: outcome,
      record,
    };
    this.#byEnd.push(call);
    this.store.add(call);
    return call;
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: PlivoSimulatorOptions = {}): Promise<PlivoSimulator> {
    const simulator = new PlivoSimulator(options);
    await simulator.listen();
    return simulator;
  }

  #apiId(): string {
    const n = (++this.#apiIds).toString(16).padStart(12, '0');
    return `8299d094-dc72-11e5-b56c-${n}`;
  }

  #error(status: number, message: string): SimulatorAnswer {
    return { status, body: { api_id: this.#apiId(), error: message } };
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return {
      ...this.#error(429, 'Too Many Requests'),
      ...(this.#retryAfterSeconds !== undefined
        ? { headers: { 'retry-after': String(this.#retryAfterSeconds) } }
        : {}),
    };
  }

  /** Ground truth: the calls that started within a window (inclusive) and filter, or all of them; newest end first. */
  override calls(window?: SimulatedCallWindow, filter: PlivoCallFilter = {}): SimulatedPlivoCall[] {
    return super.calls(window, filter).sort(newestEndFirst);
  }

  /** The record as served: with the echo in a free-text field, and any corruption applied. */
  #served(call: SimulatedPlivoCall, apiId?: string): Record<string, unknown> {
    const echo = this.echo;
    const record = { ...call.record };
    if (apiId === undefined) delete record.api_id;
    else record.api_id = apiId;
    if (echo) record.voice_network_group = echo;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const match = /^\/v1\/Account\/([^/]+)\/Call\/(?:([^/]+)\/)?$/.exec(request.url.pathname);
    if (!match) return this.#error(404, 'not found');
    if (request.method !== 'GET') return this.#error(405, 'method not allowed');
    const expected = `Basic ${Buffer.from(`${this.authId}:${this.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected || match[1] !== this.authId)
      return this.#error(401, 'Authentication credentials invalid');
    if (!this.#budget.take()) return this.rateLimitedAnswer();
    if (match[2] !== undefined) {
      const call = this.store.get(match[2]);
      return call
        ? { status: 200, body: this.#served(call, this.#apiId()) }
        : this.#error(404, 'not found');
    }
    return this.#list(request.url);
  }

  #list(url: URL): SimulatorAnswer {
    const query = url.searchParams;
    const limitText = query.get('limit') ?? '20';
    const offsetText = query.get('offset') ?? '0';
    const limit = Number(limitText);
    const offset = Number(offsetText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 20)
      return this.#error(400, 'limit must be between 1 and 20');
    if (!/^\d+$/.test(offsetText)) return this.#error(400, 'offset must be a non-negative integer');
    // Bounds on end_time: [low, high), in ms.
    let low = Number.NEGATIVE_INFINITY;
    let high = Number.POSITIVE_INFINITY;
    const bound = (name: string) => parseFilterTime(query.get(name));
    const names = ['end_time', 'end_time__gt', 'end_time__gte', 'end_time__lt', 'end_time__lte'];
    for (const name of names) {
      const value = bound(name);
      if (value === 'invalid') return this.#error(400, `${name}: invalid date-time format`);
      if (value === undefined) continue;
      // Half-open [low, high) in ms; the filter's times are whole milliseconds.
      if (name === 'end_time' || name === 'end_time__gte') low = Math.max(low, value);
      if (name === 'end_time__gt') low = Math.max(low, value + 1);
      if (name === 'end_time' || name === 'end_time__lte') high = Math.min(high, value + 1);
      if (name === 'end_time__lt') high = Math.min(high, value);
    }
    const next = new URLSearchParams(query);
    const lowSet = low !== Number.NEGATIVE_INFINITY;
    const highSet = high !== Number.POSITIVE_INFINITY;
    if (!lowSet && !highSet) {
      // No filter: the last 7 days, written into `next` as Plivo writes its implicit bound.
      low = this.now - 7 * dayMs;
      next.set('end_time__gt', new Date(low - 1).toISOString().slice(0, 16).replace('T', ' '));
    } else if (!lowSet) low = high - 30 * dayMs;
    else if (!highSet) high = low + 30 * dayMs;
    else if (high - low > 30 * dayMs + 1000)
      return this.#error(400, 'end_time range cannot exceed 30 days');
    const direction = query.get('call_direction');
    if (direction !== null && direction !== 'inbound' && direction !== 'outbound')
      return this.#error(400, 'call_direction must be inbound or outbound');
    const parent = query.get('parent_call_uuid');
    const matching = this.#byEnd.filter(
      (call) =>
        call.end >= low &&
        call.end < high &&
        (direction === null || call.direction === direction) &&
        (parent === null || call.record.parent_call_uuid === parent),
    );
    const objects = matching.slice(offset, offset + limit).map((call) => this.#served(call));
    const link = (at: number) => {
      const params = new URLSearchParams(next);
      params.set('limit', String(limit));
      params.set('offset', String(at));
      return `${url.pathname}?${params}`;
    };
    return {
      status: 200,
      body: {
        api_id: this.#apiId(),
        meta: {
          limit,
          next: offset + limit < matching.length ? link(offset + limit) : null,
          offset,
          previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
          total_count: matching.length,
        },
        objects,
      },
    };
  }

  /**
   * The form Plivo posts to a call's `hangup_url` once it is over, signed V3 with the
   * Auth Token over `url` (parameter names beyond the documented ones are inferred).
   */
  hangupCallback(
    callId: string,
    url: string,
    nonce = '12345678901234567890',
  ): {
    method: 'POST';
    url: string;
    headers: Record<string, string>;
    body: string;
    params: Record<string, string>;
  } {
    const call = this.store.get(callId);
    if (!call) throw new Error(`no simulated Plivo call ${callId}`);
    const record = call.record;
    const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    const params: Record<string, string> = {
      ALegUUID: text(record.parent_call_uuid ?? record.call_uuid),
      ALegRequestUUID: text(record.parent_call_uuid ?? record.call_uuid),
      AnswerTime: text(record.answer_time),
      BillDuration: text(record.bill_duration),
      BillRate: text(record.total_rate),
      CallStatus: {
        answered: 'completed',
        missed: 'no-answer',
        busy: 'busy',
        failed: 'failed',
        unknown: 'completed',
      }[call.status],
      CallUUID: call.id,
      Direction: text(record.call_direction),
      Duration: text(record.call_duration),
      EndTime: text(record.end_time),
      Event: 'Hangup',
      From: text(record.from_number),
      HangupCause: text(record.hangup_cause_name),
      HangupCauseCode: text(record.hangup_cause_code),
      HangupCauseName: text(record.hangup_cause_name),
      HangupSource: text(record.hangup_source),
      ParentAuthID: this.authId,
      RequestUUID: call.id,
      StartTime: text(record.initiation_time),
      To: text(record.to_number),
      TotalCost: text(record.total_amount),
    };
    const signature = computePlivoV3Signature(this.authToken, {
      method: 'POST',
      url,
      nonce,
      params,
    });
    return {
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-plivo-signature-v3': signature,
        'x-plivo-signature-ma-v3': signature,
        'x-plivo-signature-v3-nonce': nonce,
      },
      body: new URLSearchParams(params).toString(),
      params,
    };
  }
}
