import type { CallDirection, CallStatus } from '@cdr/core';
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
import { aircallStatus } from '../map-aircall-call.js';

/** `calls`: default 200; `days`: default 3; `now`: epoch ms. */
export interface AircallSimulatorOptions extends CallLogSimulatorOptions {
  /** Records one query can reach (Aircall: 10,000). */
  maxRecordsPerQuery?: number;
  /**
   * The company's request budget, answered with 429 and `X-AircallApi-*` headers when
   * exceeded. Default none (Aircall's is 60 or 120 a minute: see the README).
   */
  rateLimit?: RequestBudget;
  /**
   * Whether `next_page_link` is still written at the cap when more records match (not
   * documented either way). Default true: following it meets the 400.
   */
  linksPastCap?: boolean;
  /** The server's clock, epoch ms: the budget's window and `X-AircallApi-Reset`. Default `Date.now`. */
  clock?: () => number;
}

export interface SimulatedAircallCall {
  id: string;
  /** `started_at`, epoch ms (whole seconds). */
  time: number;
  direction: CallDirection;
  status: CallStatus;
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

const message = (status: number, text: string): SimulatorAnswer => ({
  status,
  body: { message: text },
});
const applicationError = (
  status: number,
  error: string,
  troubleshoot: string,
): SimulatorAnswer => ({
  status,
  body: { error, troubleshoot },
});
/** Verbatim from the fact sheet (Estuary's probe, Airbyte #76489). */
const outOfBound: SimulatorAnswer = {
  status: 400,
  body: {
    error: 'Bad Request',
    data: null,
    message: 'BAD_REQUEST',
    errors:
      'Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.',
    troubleshoot: 'BAD_REQUEST',
    success: false,
  },
};
const usDigits = (random: () => number) =>
  `+1 ${integer(random, 201, 989)}-${integer(random, 200, 999)}-${integer(random, 1000, 9999)}`;
const digitsOnly = /^\d+$/;

/**
 * Aircall's call API on 127.0.0.1, for tests, the demo and benchmarks, over a seeded data
 * set. `ApiSimulator` gives the server, latency, faults, echoing records and `/__truth`;
 * this class serves, as the fact sheet describes them:
 *
 * - `GET /v1/calls`: HTTP Basic (API ID + token) or a Bearer access token (401
 *   `{"message":"Unauthorized"}` without one, 403 `{"message":"Forbidden"}` for a wrong one);
 *   `from` (exclusive) / `to` (inclusive) in UNIX seconds on `started_at`; `order`;
 *   `per_page` (default 20, clamped to 50); `page` from 1; a 400 for any
 *   `page × per_page` past the 10,000-record cap; `meta` with absolute page links;
 * - `GET /v1/calls/{id}` → `{"call": …}`, 404 for an unknown id;
 * - the company's rate budget (when set): 429 with `X-AircallApi-Limit`, `-Remaining` and
 *   `-Reset` (UNIX seconds);
 * - `webhook(id, event)`: the push Aircall would send, with the webhook's `token`.
 */
export class AircallSimulator extends CallLogSimulator<SimulatedAircallCall> {
  readonly apiId: string;
  readonly apiToken: string;
  readonly accessToken: string;
  /** The token of the simulated webhook: every push carries it. */
  readonly webhookToken: string;
  readonly maxRecordsPerQuery: number;
  readonly #budget: SlidingWindowBudget | undefined;
  readonly #clock: () => number;
  readonly #linksPastCap: boolean;

  private constructor(options: AircallSimulatorOptions) {
    super('AircallSimulator', options);
    const random = seededRandom(options.seed ?? 1);
    this.apiId = hex(random, 32);
    this.apiToken = hex(random, 32);
    this.accessToken = hex(random, 40);
    this.webhookToken = hex(random, 24);
    this.maxRecordsPerQuery = options.maxRecordsPerQuery ?? 10_000;
    this.#clock = options.clock ?? Date.now;
    this.#budget = options.rateLimit && new SlidingWindowBudget(options.rateLimit, this.#clock);
    this.#linksPastCap = options.linksPastCap ?? true;
    const span = (options.days ?? 3) * 86_400_000;
    const lines = [
      { id: 1389850, name: 'Support line', digits: '+1 984-314-0278' },
      { id: 1234, name: 'French Office', digits: '+33 1 76 11 11 11' },
    ];
    const users = [
      { id: 2078847, name: 'Agent One' },
      { id: 456, name: 'Agent Two' },
    ];
    const count = options.calls ?? 200;
    for (let index = 0; index < count; index++) {
      const time = Math.floor((this.now - 1 - Math.floor(random() * span)) / 1000) * 1000;
      const started = time / 1000;
      const direction = pick(random, ['inbound', 'inbound', 'outbound'] as const);
      const draw = random();
      const status = draw < 0.03 ? 'initial' : draw < 0.06 ? 'answered' : 'done';
      const answered = status === 'answered' || (status === 'done' && random() < 0.7);
      const ring = integer(random, 1, 30);
      const talk = answered ? integer(random, 1, 900) : 0;
      const over = status === 'done';
      const voicemail = over && !answered && direction === 'inbound' && random() < 0.4;
      const id = String(4_186_780_000 + index);
      const user = answered || direction === 'outbound' ? pick(random, users) : null;
      const record: Record<string, unknown> = {
        id: Number(id),
        sid: `CA${hex(random, 32)}`,
        direct_link: `https://api.aircall.io/v1/calls/${id}`,
        direction,
        status,
        missed_call_reason:
          over && !answered && direction === 'inbound'
            ? pick(random, ['no_available_agent', 'agents_did_not_answer', 'short_abandoned'])
            : null,
        started_at: started,
        answered_at: answered ? started + ring : null,
        ended_at: over ? started + ring + talk : null,
        duration: over ? ring + talk : 0,
        archived: false,
        cost: over ? `${(Math.ceil((ring + talk) / 60) * 1.5).toFixed(1)}` : '0.0',
        voicemail: voicemail ? `https://storage.aircall.io/voicemails/${id}.mp3` : null,
        recording:
          answered && random() < 0.5 ? `https://storage.aircall.io/recordings/${id}.mp3` : null,
        asset: answered ? `https://assets.aircall.io/calls/${id}/recording` : null,
        raw_digits: random() < 0.05 ? 'anonymous' : usDigits(random),
        user: user ? { ...user, direct_link: `https://api.aircall.io/v1/users/${user.id}` } : null,
        contact: null,
        assigned_to: null,
        transferred_by: null,
        transferred_to: null,
        comments: [],
        number: pick(random, lines),
        teams: [],
        tags: [],
        recording_short_url: null,
        voicemail_short_url: null,
        country_code_a2: 'US',
        pricing_type: over ? 'in_bundle' : null,
      };
      this.store.add({
        id,
        time,
        direction,
        status: aircallStatus(status, answered),
        record,
      });
    }
  }

  /** 429 answers sent for the budget (not injected faults). */
  get rateLimited(): number {
    return this.#budget?.refused ?? 0;
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: AircallSimulatorOptions = {}): Promise<AircallSimulator> {
    const simulator = new AircallSimulator(options);
    await simulator.listen();
    return simulator;
  }

  /** 429 with Aircall's headers; the body is not documented (none observed): a bare message. */
  protected rateLimitedAnswer(): SimulatorAnswer {
    // When the oldest request of the window leaves it, in UNIX seconds.
    const reset = Math.ceil((this.#budget?.resetsAt() ?? this.#clock()) / 1000);
    return {
      status: 429,
      headers: {
        'x-aircallapi-limit': String(this.#budget?.limit ?? 60),
        'x-aircallapi-remaining': '0',
        'x-aircallapi-reset': String(reset),
      },
      body: { message: 'Too Many Requests' },
    };
  }

  /** The record as served: echoing a text in its free-text names, corrupted when asked. */
  #served(call: SimulatedAircallCall): Record<string, unknown> {
    const echo = this.echo;
    const record = echo
      ? {
          ...call.record,
          number: { ...(call.record.number as object), name: echo },
          comments: [{ id: 1, content: echo, posted_at: call.time / 1000, posted_by: null }],
        }
      : call.record;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  /**
   * The webhook Aircall would send for a call: `{resource, event, timestamp, token, data}`,
   * the call's `sid` named `call_uuid` as in events.
   */
  webhook(callId: string, event = 'call.ended', token = this.webhookToken): string {
    const call = this.store.get(callId);
    if (!call) throw new Error(`no simulated Aircall call ${callId}`);
    const { sid, ...data } = this.#served(call);
    return JSON.stringify({
      resource: 'call',
      event,
      timestamp: Math.floor(this.now / 1000),
      token,
      data: { ...data, call_uuid: sid },
    });
  }

  #authentication(request: SimulatorRequest): 'ok' | 'missing' | 'wrong' {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || header === '') return 'missing';
    if (header === `Bearer ${this.accessToken}`) return 'ok';
    if (!header.startsWith('Basic ')) return 'wrong';
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded === `${this.apiId}:${this.apiToken}` ? 'ok' : 'wrong';
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const match = /^\/v1\/calls(?:\/([^/]+))?$/.exec(request.url.pathname);
    if (request.method !== 'GET' || !match) return message(404, 'Not Found');
    const authentication = this.#authentication(request);
    if (authentication === 'missing') return message(401, 'Unauthorized');
    if (authentication === 'wrong') return message(403, 'Forbidden');
    if (this.#budget && !this.#budget.take()) return this.rateLimitedAnswer();
    const [, id] = match;
    if (id !== undefined) {
      const call = this.store.get(id);
      if (call === undefined) return applicationError(404, 'Not found', 'Id does not exist');
      return { status: 200, body: { call: this.#served(call) } };
    }
    return this.#list(request.url);
  }

  #list(url: URL): SimulatorAnswer {
    const query = url.searchParams;
    const number = (name: string, fallback: number) => {
      const value = query.get(name);
      if (value === null) return fallback;
      return digitsOnly.test(value) ? Number(value) : undefined;
    };
    const from = number('from', 0);
    const to = number('to', Math.floor(this.now / 1000) + 86_400);
    const page = number('page', 1);
    const requested = number('per_page', 20);
    const order = query.get('order') ?? 'asc';
    if (from === undefined || to === undefined)
      return applicationError(400, 'Bad Request', 'from and to are UNIX timestamps');
    if (page === undefined || page < 1 || requested === undefined || requested < 1)
      return applicationError(400, 'Bad Request', 'page and per_page start at 1');
    if (order !== 'asc' && order !== 'desc')
      return applicationError(400, 'Bad Request', 'order is asc or desc');
    const perPage = Math.min(requested, 50);
    if (page * perPage > this.maxRecordsPerQuery) return outOfBound;
    // `from` exclusive, `to` inclusive, on `started_at` (whole seconds).
    const low = this.store.lowerBound((from + 1) * 1000);
    const high = this.store.lowerBound((to + 1) * 1000);
    const total = Math.max(0, high - low);
    const start = (page - 1) * perPage;
    const positions: number[] = [];
    for (let offset = start; offset < Math.min(total, start + perPage); offset++)
      positions.push(order === 'asc' ? low + offset : high - 1 - offset);
    const calls = positions.map((position) => this.#served(this.store.at(position)!));
    const link = (target: number) => {
      const params = new URLSearchParams(query);
      params.set('order', order);
      params.set('page', String(target));
      params.set('per_page', String(perPage));
      return `https://api.aircall.io${url.pathname}?${params}`;
    };
    const more =
      start + perPage < (this.#linksPastCap ? total : Math.min(total, this.maxRecordsPerQuery));
    return {
      status: 200,
      body: {
        calls,
        meta: {
          count: calls.length,
          total,
          current_page: page,
          per_page: perPage,
          next_page_link: more ? link(page + 1) : null,
          previous_page_link: page > 1 ? link(page - 1) : null,
        },
      },
    };
  }
}
