import { formatZonedDateTime, parseZonedDateTime } from '@cdr/core';
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

/**
 * `calls`: finished calls, default 200; `days`: default 3; `now`: epoch ms, the end of the
 * data set and the simulator's clock for retention.
 */
export interface ExotelSimulatorOptions extends CallLogSimulatorOptions {
  /** The zone of the API's naive date-times. Default `Asia/Kolkata`. */
  timeZone?: string;
  /** Calls still in progress at `now`: in the data, never in Bulk Call Details. Default 3. */
  inProgressCalls?: number;
  /** The account's budget, a sliding window. Default 200 requests a minute, as documented. */
  rateLimit?: RequestBudget;
  /** `Retry-After` of its 429, in seconds; `undefined` sends none. Default 0 (tests do not wait). */
  retryAfterSeconds?: number | undefined;
}

export type ExotelSimulatedStatus =
  | 'completed'
  | 'no-answer'
  | 'busy'
  | 'failed'
  | 'canceled'
  | 'in-progress';

export interface SimulatedExotelCall {
  id: string;
  /** `DateCreated`, epoch ms (whole seconds). */
  time: number;
  direction: 'inbound' | 'outbound';
  status: 'answered' | 'missed' | 'busy' | 'failed' | 'unknown';
  exotelStatus: ExotelSimulatedStatus;
  /** The record as the API returns it (before any echo). */
  record: Record<string, unknown>;
}

const dayMs = 86_400_000;
const monthMs = 31 * dayMs;
const retentionMs = 183 * dayMs;

const restException = (status: number, message: string, code?: string): SimulatorAnswer => ({
  status,
  body: { RestException: { Status: status, Message: message, ...(code ? { Code: code } : {}) } },
});

const statusWords: Record<
  Exclude<ExotelSimulatedStatus, 'in-progress'>,
  SimulatedExotelCall['status']
> = {
  completed: 'answered',
  'no-answer': 'missed',
  canceled: 'missed',
  busy: 'busy',
  failed: 'failed',
};

/** `After`/`Before` cursors: opaque to clients, a (DateCreated, Sid) position here. */
const encodeCursor = (call: SimulatedExotelCall) =>
  Buffer.from(JSON.stringify([call.time, call.id])).toString('base64url');

function decodeCursor(text: string): [number, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString());
    return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string'
      ? [value[0], value[1]]
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Exotel's v1 Calls API on 127.0.0.1, for tests and the demo, over a seeded data set:
 * Bulk Call Details (`GET /v1/Accounts/<sid>/Calls.json`) with its `DateCreated` window
 * (a month at most, six months back at most), `PageSize` (100 at most), `SortBy` and
 * `After` cursors in `Metadata.NextPageUri`; single Call Details; Basic auth with the API
 * key and token; 200 requests a minute per account (429 with a `RestException`); calls in
 * progress left out. `ApiSimulator` gives the server, latency, faults, echo and `/__truth`.
 */
export class ExotelSimulator extends CallLogSimulator<SimulatedExotelCall> {
  readonly accountSid: string;
  readonly apiKey: string;
  readonly apiToken: string;
  readonly timeZone: string;
  /** Every `DateCreated` window asked for, as received. */
  readonly windowsAsked: string[] = [];
  readonly #budget: SlidingWindowBudget;
  readonly #retryAfterSeconds: number | undefined;

  private constructor(options: ExotelSimulatorOptions) {
    super('ExotelSimulator', options);
    const random = seededRandom(options.seed ?? 1);
    this.accountSid = `exotel${hex(random, 8)}`;
    this.apiKey = `exotel-key-${hex(random, 24)}`;
    this.apiToken = `exotel-token-${hex(random, 32)}`;
    this.timeZone = options.timeZone ?? 'Asia/Kolkata';
    this.#budget = new SlidingWindowBudget(options.rateLimit ?? { limit: 200, intervalMs: 60_000 });
    this.#retryAfterSeconds = 'retryAfterSeconds' in options ? options.retryAfterSeconds : 0;
    const span = (options.days ?? 3) * dayMs;
    const exophone = `0${integer(random, 80, 80)}${integer(random, 10_000_000, 99_999_999)}`;
    const add = (time: number, exotelStatus: ExotelSimulatedStatus) => {
      const id = hex(random, 32);
      const inbound = random() < 0.5;
      const customer = `0${indianMobile(random)}`;
      const agent = `0${indianMobile(random)}`;
      const answered = exotelStatus === 'completed';
      const duration = answered ? integer(random, 5, 900) : integer(random, 0, 40);
      const talk = answered ? integer(random, 1, duration) : 0;
      const start = time + integer(random, 0, 2) * 1000;
      const record: Record<string, unknown> = {
        Sid: id,
        ParentCallSid: null,
        DateCreated: formatZonedDateTime(new Date(time), this.timeZone),
        DateUpdated: formatZonedDateTime(new Date(start + duration * 1000), this.timeZone),
        AccountSid: this.accountSid,
        To: inbound ? exophone : customer,
        From: inbound ? customer : agent,
        PhoneNumberSid: exophone,
        Status: exotelStatus,
        StartTime: formatZonedDateTime(new Date(start), this.timeZone),
        EndTime:
          exotelStatus === 'in-progress'
            ? null
            : formatZonedDateTime(new Date(start + duration * 1000), this.timeZone),
        Duration: String(duration),
        Price: answered ? (Math.ceil(duration / 60) * 0.5).toFixed(3) : '0.000',
        Direction: inbound ? 'inbound' : pick(random, ['outbound-api', 'outbound-dial']),
        AnsweredBy: null,
        RecordingUrl: answered ? `https://recordings.exotel.invalid/${id}.mp3` : null,
        ...(answered && inbound ? { Details: { ConversationDuration: talk, Leg2To: agent } } : {}),
      };
      const call: SimulatedExotelCall = {
        id,
        time,
        direction: inbound ? 'inbound' : 'outbound',
        status: exotelStatus === 'in-progress' ? 'unknown' : statusWords[exotelStatus],
        exotelStatus,
        record,
      };
      this.store.add(call);
    };
    const statuses = [
      'completed',
      'completed',
      'completed',
      'no-answer',
      'busy',
      'failed',
      'canceled',
    ] as const;
    for (let index = 0; index < (options.calls ?? 200); index++) {
      // Whole seconds: DateCreated has no fraction.
      const time = Math.floor((this.now - Math.floor(random() * span)) / 1000) * 1000;
      add(time, pick(random, statuses));
    }
    for (let index = 0; index < (options.inProgressCalls ?? 3); index++) {
      add(this.now - integer(random, 1, 600) * 1000, 'in-progress');
    }
  }

  /** 429s answered for the budget (not the injected ones). */
  get rateLimitedCount(): number {
    return this.#budget.refused;
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: ExotelSimulatorOptions = {}): Promise<ExotelSimulator> {
    const simulator = new ExotelSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    const answer = restException(
      429,
      'Rate limit exceeded. Try again in 30 seconds.',
      'RATE_LIMIT_EXCEEDED',
    );
    return this.#retryAfterSeconds === undefined
      ? answer
      : { ...answer, headers: { 'retry-after': String(this.#retryAfterSeconds) } };
  }

  /**
   * Ground truth: the finished calls Bulk Call Details lists in a window (inclusive) and
   * filter, or all of them. Calls in progress are never listed.
   */
  override calls(
    window?: SimulatedCallWindow,
    filter: SimulatedCallFilter = {},
  ): SimulatedExotelCall[] {
    return super.calls(window, filter).filter((call) => call.exotelStatus !== 'in-progress');
  }

  /**
   * The StatusCallback Exotel would send when the call ended, with `StatusCallbackEvents`
   * (`terminal`) so that it carries the call's fields: a form (Exotel's default) or JSON
   * (`StatusCallbackContentType=application/json`). Exotel signs nothing: the receiver's URL
   * is the only secret.
   */
  statusCallback(
    callId: string,
    options: { json?: boolean } = {},
  ): { method: 'POST'; headers: Record<string, string>; body: string } {
    const call = this.store.get(callId);
    if (!call) throw new Error(`no simulated Exotel call ${callId}`);
    const record = call.record;
    const talk = (record.Details as { ConversationDuration?: number } | undefined)
      ?.ConversationDuration;
    const fields: Record<string, string> = Object.fromEntries(
      Object.entries({
        CallSid: call.id,
        EventType: 'terminal',
        Status: record.Status,
        DateCreated: record.DateCreated,
        DateUpdated: record.DateUpdated,
        To: record.To,
        From: record.From,
        PhoneNumberSid: record.PhoneNumberSid,
        StartTime: record.StartTime,
        EndTime: record.EndTime,
        Direction: record.Direction,
        RecordingUrl: record.RecordingUrl,
        ConversationDuration: talk,
      })
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([name, value]) => [name, String(value)]),
    );
    return options.json
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...fields,
            ...(talk !== undefined ? { ConversationDuration: talk } : {}),
          }),
        }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        };
  }

  /** Every call, those in progress included. */
  allCalls(): readonly SimulatedExotelCall[] {
    return this.store.all();
  }

  #served(call: SimulatedExotelCall): Record<string, unknown> {
    const echo = this.echo;
    const record = echo
      ? {
          ...call.record,
          RecordingUrl: `https://recordings.exotel.invalid/${call.id}.mp3?note=${encodeURIComponent(echo)}`,
          CustomField: echo,
        }
      : call.record;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    if (request.method !== 'GET') return restException(405, 'Method not allowed');
    const match = /^\/v1\/Accounts\/([^/]+)\/Calls(?:\/([^/.]+))?\.json$/.exec(
      request.url.pathname,
    );
    if (!match) return restException(404, 'The requested resource was not found');
    const authorization = request.headers.authorization ?? '';
    const expected = `Basic ${Buffer.from(`${this.apiKey}:${this.apiToken}`).toString('base64')}`;
    if (authorization !== expected)
      return restException(401, 'Authentication is required to view this resource');
    if (match[1] !== this.accountSid)
      return restException(404, 'The requested resource was not found');
    if (!this.#budget.take()) return this.rateLimitedAnswer();
    if (match[2] !== undefined) {
      const call = this.store.get(match[2]);
      return call
        ? { status: 200, body: { Call: this.#served(call) } }
        : restException(404, 'The requested resource was not found');
    }
    return this.#list(request.url.searchParams);
  }

  #list(query: URLSearchParams): SimulatorAnswer {
    const pageSizeText = query.get('PageSize') ?? '50';
    const pageSize = Number(pageSizeText);
    if (!/^\d+$/.test(pageSizeText) || pageSize < 1 || pageSize > 100)
      return restException(400, 'PageSize must be between 1 and 100');
    let from = this.now - monthMs;
    let to = this.now;
    const created = query.get('DateCreated');
    if (created !== null) {
      this.windowsAsked.push(created);
      const bounds = /^gte:(.+);lte:(.+)$/.exec(created);
      const gte = bounds ? parseZonedDateTime(bounds[1]!, this.timeZone) : undefined;
      const lte = bounds ? parseZonedDateTime(bounds[2]!, this.timeZone) : undefined;
      if (!gte || !lte) return restException(400, 'Invalid DateCreated filter');
      from = gte.getTime();
      to = lte.getTime() + 999;
      if (to < from) return restException(400, 'Invalid DateCreated filter: gte after lte');
      if (to - from > monthMs)
        return restException(400, 'DateCreated range cannot exceed one month');
      if (from < this.now - retentionMs)
        return restException(400, 'Call details are available only for the last 6 months');
    }
    const sort = query.get('SortBy') ?? 'DateCreated:desc';
    if (sort !== 'DateCreated:asc' && sort !== 'DateCreated:desc')
      return restException(400, 'Invalid SortBy');
    const ascending = sort === 'DateCreated:asc';
    const inWindow = this.calls({ from: new Date(from), to: new Date(to) });
    const ordered = ascending ? inWindow : [...inWindow].reverse();
    // A cursor is a position: `After` starts past it, `Before` ends short of it.
    const positionOf = (text: string) => {
      const position = decodeCursor(text);
      if (!position) return undefined;
      const [time, id] = position;
      const upTo = (call: SimulatedExotelCall) =>
        ascending
          ? call.time < time || (call.time === time && call.id <= id)
          : call.time > time || (call.time === time && call.id >= id);
      let index = 0;
      while (index < ordered.length && upTo(ordered[index]!)) index++;
      return index;
    };
    let start = 0;
    const after = query.get('After');
    const beforeCursor = query.get('Before');
    if (after !== null) {
      const index = positionOf(after);
      if (index === undefined) return restException(400, 'Invalid After cursor');
      start = index;
    } else if (beforeCursor !== null) {
      const index = positionOf(beforeCursor);
      if (index === undefined) return restException(400, 'Invalid Before cursor');
      // `index` is past the cursor's call: the page ends just before that call.
      start = Math.max(0, index - 1 - pageSize);
    }
    const end =
      beforeCursor !== null && after === null
        ? Math.max(0, (positionOf(beforeCursor) ?? 1) - 1)
        : start + pageSize;
    const page = ordered.slice(start, end);
    const base = `/v1/Accounts/${this.accountSid}/Calls.json`;
    const keep = new URLSearchParams(query);
    keep.delete('After');
    keep.delete('Before');
    const uri = (extra: Record<string, string>) => {
      const search = new URLSearchParams(keep);
      for (const [name, value] of Object.entries(extra)) search.set(name, value);
      return `${base}?${search.toString()}`;
    };
    const last = page.at(-1);
    const more = last !== undefined && end < ordered.length;
    return {
      status: 200,
      body: {
        Metadata: {
          Total: ordered.length,
          PageSize: pageSize,
          FirstPageUri: uri({}),
          PrevPageUri: start > 0 && page[0] ? uri({ Before: encodeCursor(page[0]) }) : null,
          NextPageUri: more ? uri({ After: encodeCursor(last) }) : null,
        },
        Calls: page.map((call) => this.#served(call)),
      },
    };
  }
}
