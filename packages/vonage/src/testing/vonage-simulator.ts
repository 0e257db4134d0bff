import { createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import type { CallDirection, CallStatus } from '@cdr/core';
import {
  CallLogSimulator,
  type CallLogSimulatorOptions,
  hex,
  integer,
  pick,
  type RequestBudget,
  type SimulatedCallFilter,
  type SimulatorAnswer,
  type SimulatorRequest,
  SlidingWindowBudget,
  seededRandom,
} from '@cdr/core/testing';
import { vonageDirections, vonageStatuses } from '../map-vonage-call.js';
import { signVonageWebhook } from '../vonage-signed-webhook.js';

/** `calls`: call legs, default 200; `days`: default 2 (Vonage's default leg persistence); `now`: epoch ms. */
export interface VonageSimulatorOptions extends CallLogSimulatorOptions {
  /** The account's budget, a sliding window. Default 15 GET requests a second, as documented. */
  rateLimit?: RequestBudget;
  /** Sent as `Retry-After` (seconds) with a 429; Vonage documents none. Default: none. */
  retryAfterSeconds?: number;
}

export interface SimulatedVonageCall {
  id: string;
  /** `start_time`, epoch ms (whole seconds). */
  time: number;
  direction: CallDirection;
  status: CallStatus;
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

/** Which legs of the ground truth: a direction, a status, or both (Call words). */
export type VonageCallFilter = SimulatedCallFilter;

/** RFC 7807 bodies as Vonage sends them (fact sheet §5). */
const unauthorized = {
  status: 401,
  body: {
    type: 'https://developer.nexmo.com/api-errors#unauthorized',
    title: 'Unauthorized',
    detail: 'You did not provide correct credentials.',
    instance: 'a813c536-43f6-4568-acbf-f36ef2db955a',
  },
} satisfies SimulatorAnswer;
const notFound = (detail: string): SimulatorAnswer => ({
  status: 404,
  body: {
    type: 'https://developer.nexmo.com/api-errors#not-found',
    title: 'Not Found',
    detail,
    instance: 'bf0ca0bf-927b-3b52-e3cb-03217e1a1ddf',
  },
});
const badRequest = (name: string, reason: string): SimulatorAnswer => ({
  status: 400,
  body: { type: 400, title: 'Bad Request', invalid_parameters: [{ reason, name }] },
});

const iso = (ms: number) => new Date(ms).toISOString();
const ukNumber = (random: () => number) => `447${integer(random, 100_000_000, 999_999_999)}`;
const usNumber = (random: () => number) =>
  `1${integer(random, 201, 989)}${integer(random, 2_000_000, 9_999_999)}`;
const uuid = (random: () => number) =>
  `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const base64Json = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Vonage's Voice API call records on 127.0.0.1, for tests, the demo and benchmarks, over a
 * seeded data set of legs (an inbound leg and, for some, the agent leg it was connected to,
 * sharing `conversation_uuid`). `ApiSimulator` gives the server, latency, faults, echoing
 * records and `/__truth`; this class serves:
 *
 * - `GET /v1/calls`: a Bearer RS256 JWT of the application (signature, `application_id`,
 *   `exp` after `iat` by at most 24 h), `date_start`/`date_end` (UTC ISO 8601, inclusive, on
 *   `start_time`), `page_size` 1 to 100 (default 10), `record_index` an offset (default 0),
 *   `order` (default `desc`, as observed), `status`, `conversation_uuid`; the HAL page with
 *   `count` and relative `_links` that carry only `page_size`, `record_index` and `order`;
 * - `GET /v1/calls/{uuid}`;
 * - 401, 404 and 400 problem bodies, and the rate budget (15 a second) answered with 429
 *   and the Python SDK's body, with no `Retry-After` unless asked for.
 */
export class VonageSimulator extends CallLogSimulator<SimulatedVonageCall> {
  readonly applicationId: string;
  /** The application's private key (PKCS #8 PEM), generated for this run. */
  readonly privateKey: string;
  /** The account's signature secret (signs the webhooks). */
  readonly signatureSecret: string;
  /** The account's API key, named in the webhooks' `api_key` claim. */
  readonly apiKey: string;
  readonly #publicKey: KeyObject;
  readonly #budget: SlidingWindowBudget;
  readonly #retryAfterSeconds: number | undefined;

  private constructor(options: VonageSimulatorOptions) {
    super('VonageSimulator', options);
    const random = seededRandom(options.seed ?? 1);
    this.applicationId = uuid(random);
    this.signatureSecret = hex(random, 40);
    this.apiKey = hex(random, 8);
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.#publicKey = createPublicKey(keys.privateKey);
    this.#budget = new SlidingWindowBudget(options.rateLimit ?? { limit: 15, intervalMs: 1000 });
    this.#retryAfterSeconds = options.retryAfterSeconds;
    const span = (options.days ?? 2) * 86_400_000;
    const total = options.calls ?? 200;
    const agents = ['alice', 'bob', 'carol'];
    while (this.store.size < total) {
      const time =
        Math.floor((this.now - 60_000 - Math.floor(random() * (span - 60_000))) / 1000) * 1000;
      const conversation = `CON-${uuid(random)}`;
      const direction = random() < 0.6 ? 'inbound' : 'outbound';
      const status = this.#status(random);
      const customer = random() < 0.5 ? ukNumber(random) : usNumber(random);
      const ours = ukNumber(random);
      const phone = (number: string) => ({ type: 'phone', number });
      this.#add(random, {
        time,
        direction,
        status,
        conversation,
        from: phone(direction === 'inbound' ? customer : ours),
        to: phone(direction === 'inbound' ? ours : customer),
      });
      // An inbound call answered by an NCCO `connect` to an agent: a second, outbound leg.
      if (
        direction === 'inbound' &&
        status === 'completed' &&
        random() < 0.4 &&
        this.store.size < total
      ) {
        this.#add(random, {
          time: time + integer(random, 1, 20) * 1000,
          direction: 'outbound',
          status: this.#status(random),
          conversation,
          from: phone(ours),
          to: { type: 'app', user: pick(random, agents) },
        });
      }
    }
  }

  /** 429s answered for the budget (not the injected ones). */
  get rateLimitedCount(): number {
    return this.#budget.refused;
  }

  #status(random: () => number): string {
    const draw = random();
    if (draw < 0.6) return 'completed';
    if (draw < 0.68) return 'unanswered';
    if (draw < 0.75) return 'busy';
    if (draw < 0.8) return 'cancelled';
    if (draw < 0.85) return 'rejected';
    if (draw < 0.9) return 'failed';
    if (draw < 0.94) return 'timeout';
    return 'machine';
  }

  #add(
    random: () => number,
    leg: {
      time: number;
      direction: string;
      status: string;
      conversation: string;
      from: Record<string, string>;
      to: Record<string, string>;
    },
  ): void {
    const id = uuid(random);
    const talked = leg.status === 'completed' || leg.status === 'machine';
    const seconds = talked ? integer(random, 1, 1200) : 0;
    const rate = pick(random, ['0.01270000', '0.02400000', '0.10000000']);
    const record: Record<string, unknown> = {
      uuid: id,
      status: leg.status,
      direction: leg.direction,
      rate,
      price: ((Number(rate) * seconds) / 60).toFixed(8),
      duration: String(seconds),
      network: pick(random, ['23410', '23420', 'US-VIRTUAL-BANDWIDTH']),
      conversation_uuid: leg.conversation,
      start_time: iso(leg.time),
      end_time: iso(leg.time + seconds * 1000),
      to: leg.to,
      from: leg.from,
      _links: { self: { href: `/v1/calls/${id}` } },
    };
    const call: SimulatedVonageCall = {
      id,
      time: leg.time,
      direction: vonageDirections[leg.direction]!,
      status: vonageStatuses[leg.status]!,
      record,
    };
    this.store.add(call);
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: VonageSimulatorOptions = {}): Promise<VonageSimulator> {
    const simulator = new VonageSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return {
      status: 429,
      ...(this.#retryAfterSeconds !== undefined
        ? { headers: { 'retry-after': String(this.#retryAfterSeconds) } }
        : {}),
      body: {
        title: 'Rate Limit Hit',
        type: 'https://developer.vonage.com/api-errors#rate-limit',
        detail: 'Please wait, then retry your request',
        instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
      },
    };
  }

  /**
   * The `completed` event webhook Vonage would post for a leg, as JSON, signed with the
   * signature secret at `signedAt` (default: a second after the leg ended).
   */
  completedEvent(
    callId: string,
    options: { signedAt?: Date; secret?: string } = {},
  ): { headers: Record<string, string>; body: string } {
    const call = this.store.get(callId);
    if (!call) throw new Error(`no simulated Vonage leg ${callId}`);
    const record = call.record;
    const party = (value: unknown) => {
      const endpoint = value as { number?: string; user?: string };
      return endpoint.number ?? endpoint.user ?? '';
    };
    const endedAt = Date.parse(String(record.end_time));
    const body = JSON.stringify({
      end_time: record.end_time,
      uuid: call.id,
      network: record.network,
      duration: record.duration,
      start_time: record.start_time,
      rate: record.rate,
      price: record.price,
      from: party(record.from),
      to: party(record.to),
      conversation_uuid: record.conversation_uuid,
      status: 'completed',
      direction: record.direction,
      timestamp: iso(endedAt),
    });
    const jwt = signVonageWebhook(body, options.secret ?? this.signatureSecret, {
      now: options.signedAt ?? new Date(endedAt + 1000),
      apiKey: this.apiKey,
      applicationId: this.applicationId,
    });
    return {
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body,
    };
  }

  /** The application's RS256 JWT, checked as the API does (on its own terms, not the clock: see the class). */
  #authenticated(request: SimulatorRequest): boolean {
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(request.headers.authorization ?? '');
    if (!match) return false;
    const [, header, claims, signature] = match as unknown as [string, string, string, string];
    if (base64Json(header)?.alg !== 'RS256') return false;
    const valid = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${claims}`),
      this.#publicKey,
      Buffer.from(signature, 'base64url'),
    );
    const body = base64Json(claims);
    return (
      valid &&
      body?.application_id === this.applicationId &&
      typeof body.jti === 'string' &&
      typeof body.iat === 'number' &&
      typeof body.exp === 'number' &&
      body.exp > body.iat &&
      body.exp - body.iat <= 86_400
    );
  }

  #served(call: SimulatedVonageCall): Record<string, unknown> {
    const echo = this.echo;
    const record = echo ? { ...call.record, network: echo } : call.record;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const match = /^\/v1\/calls(?:\/([^/]+))?\/?$/.exec(request.url.pathname);
    if (!match) return notFound(`${request.url.pathname} does not exist`);
    if (request.method !== 'GET')
      return {
        status: 405,
        body: {
          type: 'https://developer.nexmo.com/api-errors#wrong-verb',
          title: 'Method Not Allowed',
        },
      };
    if (!this.#authenticated(request)) return unauthorized;
    if (!this.#budget.take()) return this.rateLimitedAnswer();
    if (match[1] !== undefined) {
      const call = this.store.get(match[1]);
      return call
        ? { status: 200, body: this.#served(call) }
        : notFound(`ID '${match[1]}' does not exist, or you do not have access`);
    }
    return this.#list(request.url.searchParams);
  }

  #list(query: URLSearchParams): SimulatorAnswer {
    const bound = (name: string): number | undefined | SimulatorAnswer => {
      const value = query.get(name);
      if (value === null) return undefined;
      const ms = timePattern.test(value) ? Date.parse(value) : Number.NaN;
      return Number.isNaN(ms) ? badRequest(name, 'Invalid date-time') : ms;
    };
    const start = bound('date_start');
    const end = bound('date_end');
    if (typeof start === 'object') return start;
    if (typeof end === 'object') return end;
    const pageSize = Number(query.get('page_size') ?? '10');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return badRequest('page_size', 'must be between 1 and 100');
    const recordIndex = Number(query.get('record_index') ?? '0');
    if (!Number.isInteger(recordIndex) || recordIndex < 0)
      return badRequest('record_index', 'must be a non-negative integer');
    const order = query.get('order') ?? 'desc';
    if (order !== 'asc' && order !== 'desc') return badRequest('order', 'must be asc or desc');
    const status = query.get('status');
    const conversation = query.get('conversation_uuid');
    let matching = this.store.startingBetween(start, end === undefined ? undefined : end + 1);
    if (status !== null || conversation !== null)
      matching = matching.filter(
        (call) =>
          (status === null || call.record.status === status) &&
          (conversation === null || call.record.conversation_uuid === conversation),
      );
    if (order === 'desc') matching = matching.slice().reverse();
    const page = matching.slice(recordIndex, recordIndex + pageSize);
    const link = (index?: number) => ({
      href: `/v1/calls?page_size=${pageSize}${index !== undefined ? `&record_index=${index}` : ''}&order=${order}`,
    });
    const lastIndex = Math.max(0, Math.floor((matching.length - 1) / pageSize) * pageSize);
    return {
      status: 200,
      body: {
        page_size: pageSize,
        record_index: recordIndex,
        count: matching.length,
        _embedded: { calls: page.map((call) => this.#served(call)) },
        _links: {
          self: link(recordIndex),
          first: link(),
          last: link(lastIndex),
          ...(recordIndex + pageSize < matching.length
            ? { next: link(recordIndex + pageSize) }
            : {}),
          ...(recordIndex > 0 ? { prev: link(Math.max(0, recordIndex - pageSize)) } : {}),
        },
      },
    };
  }
}
