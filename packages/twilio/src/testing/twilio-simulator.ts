import { createHash } from 'node:crypto';
import type { CallDirection, CallStatus } from '@cdr/core';
import {
  CallLogSimulator,
  type CallLogSimulatorOptions,
  hex,
  integer,
  pick,
  type SimulatedCallFilter,
  type SimulatorAnswer,
  type SimulatorRequest,
  seededRandom,
} from '@cdr/core/testing';
import { twilioDirections, twilioStatuses } from '../map-twilio-call.js';
import { computeTwilioSignature } from '../twilio-status-callback.js';

/** `calls`: parent and child legs, default 200; `days`: default 3; `now`: epoch ms. */
export type TwilioSimulatorOptions = CallLogSimulatorOptions;

export interface SimulatedTwilioCall {
  id: string;
  /** `start_time`, epoch ms (whole seconds, as Twilio writes it). */
  time: number;
  direction: CallDirection;
  status: CallStatus;
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

/** Which calls of the ground truth: a direction, a status, or both (Call words). */
export type TwilioCallFilter = SimulatedCallFilter;

const apiVersion = '2010-04-01';
const moreInfo = (code: number) => `https://www.twilio.com/docs/errors/${code}`;
const error = (status: number, code: number, message: string): SimulatorAnswer => ({
  status,
  body: { code, message, more_info: moreInfo(code), status },
});
/** RFC 2822 in UTC, as Twilio writes it: `Fri, 18 Oct 2019 17:02:00 +0000`. */
export const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace(/GMT$/, '+0000');
const usNumber = (random: () => number) =>
  `+1${integer(random, 201, 989)}${integer(random, 2_000_000, 9_999_999)}`;
const formatted = (number: string) =>
  `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`;

/** `StartTime>` / `StartTime<` values: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:mm:ssZ`. */
function parseBound(value: string | null): number | undefined | 'invalid' {
  if (value === null) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(value)) return Date.parse(value);
  return 'invalid';
}

/**
 * Twilio's call log API on 127.0.0.1, for tests, the demo and benchmarks, over a seeded
 * data set of parent and child legs. `ApiSimulator` gives the server, latency, faults,
 * echoing records and `/__truth`; this class serves:
 *
 * - `GET /2010-04-01/Accounts/{AccountSid}/Calls.json`: HTTP Basic (Account SID + Auth Token,
 *   or API key SID + secret), `StartTime>` (on or after) / `StartTime<` (before) as dates or
 *   UTC date-times, `PageSize` 1 to 1000 (default 50), newest first, `next_page_uri` with
 *   `Page` and `PageToken` (`PA` + the last SID served) until `null`;
 * - `GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`;
 * - Twilio's error bodies (`code`, `message`, `more_info`, `status`): 20003 for bad
 *   credentials, 20404 for an unknown account or call, 20001 for a bad parameter, 20429
 *   (HTTP 429, no Retry-After) when rate limited.
 */
export class TwilioSimulator extends CallLogSimulator<SimulatedTwilioCall> {
  readonly accountSid: string;
  readonly authToken: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** A subaccount of `accountSid` with no calls of its own. */
  readonly subaccountSid: string;

  private constructor(options: TwilioSimulatorOptions) {
    super('TwilioSimulator', options);
    const random = seededRandom(options.seed ?? 1);
    this.accountSid = `AC${hex(random, 32)}`;
    this.authToken = hex(random, 32);
    this.apiKey = `SK${hex(random, 32)}`;
    this.apiSecret = hex(random, 32);
    this.subaccountSid = `AC${hex(random, 32)}`;
    const span = (options.days ?? 3) * 86_400_000;
    const total = options.calls ?? 200;
    const agents = ['client:alice', 'client:bob', 'sip:carol@example.sip.twilio.com'];
    while (this.store.size < total) {
      // Whole seconds, and at least a minute before `now` so that child legs stay before it.
      const time =
        Math.floor((this.now - 60_000 - Math.floor(random() * (span - 60_000))) / 1000) * 1000;
      const direction = pick(random, [
        'inbound',
        'inbound',
        'inbound',
        'outbound-api',
        'outbound-api',
        'trunking-originating',
        'trunking-terminating',
      ]);
      const status = this.#status(random);
      const from = usNumber(random);
      const to = usNumber(random);
      const parent = this.#add(random, { time, direction, status, from, to, parent: null });
      // An inbound call that <Dial>s an agent: a child leg, `outbound-dial`, a few seconds later.
      if (
        direction === 'inbound' &&
        status === 'completed' &&
        random() < 0.4 &&
        this.store.size < total
      ) {
        this.#add(random, {
          time: time + integer(random, 1, 20) * 1000,
          direction: 'outbound-dial',
          status: this.#status(random),
          from,
          to: pick(random, [...agents, usNumber(random)]),
          parent: parent.id,
        });
      }
    }
  }

  #status(random: () => number): string {
    const draw = random();
    if (draw < 0.62) return 'completed';
    if (draw < 0.74) return 'no-answer';
    if (draw < 0.82) return 'busy';
    if (draw < 0.88) return 'canceled';
    if (draw < 0.95) return 'failed';
    return 'in-progress';
  }

  #add(
    random: () => number,
    leg: {
      time: number;
      direction: string;
      status: string;
      from: string;
      to: string;
      parent: string | null;
    },
  ): SimulatedTwilioCall {
    const id = `CA${hex(random, 32)}`;
    const completed = leg.status === 'completed';
    const seconds = completed ? integer(random, 1, 1200) : undefined;
    // A price arrives late: some completed calls have none yet.
    const priced = completed && random() < 0.9;
    const uri = `/${apiVersion}/Accounts/${this.accountSid}/Calls/${id}`;
    const record: Record<string, unknown> = {
      account_sid: this.accountSid,
      answered_by:
        leg.direction === 'outbound-api' && completed
          ? pick(random, ['human', 'machine_start'])
          : null,
      api_version: apiVersion,
      caller_name: null,
      date_created: rfc2822(leg.time - 1000),
      date_updated: rfc2822(leg.time + (seconds ?? 0) * 1000 + 1000),
      direction: leg.direction,
      duration: seconds === undefined ? null : String(seconds),
      end_time: seconds === undefined ? null : rfc2822(leg.time + seconds * 1000),
      forwarded_from: null,
      from: leg.from,
      from_formatted: formatted(leg.from),
      group_sid: null,
      parent_call_sid: leg.parent,
      phone_number_sid: `PN${hex(random, 32)}`,
      price: priced ? (-0.013 * Math.ceil((seconds ?? 0) / 60)).toFixed(5) : null,
      price_unit: 'USD',
      sid: id,
      start_time: rfc2822(leg.time),
      status: leg.status,
      subresource_uris: {
        notifications: `${uri}/Notifications.json`,
        recordings: `${uri}/Recordings.json`,
        events: `${uri}/Events.json`,
      },
      to: leg.to,
      to_formatted: leg.to.startsWith('+1') ? formatted(leg.to) : leg.to,
      trunk_sid: leg.direction.startsWith('trunking') ? `TK${hex(random, 32)}` : null,
      uri: `${uri}.json`,
      queue_time: '0',
    };
    const call: SimulatedTwilioCall = {
      id,
      time: leg.time,
      direction: twilioDirections[leg.direction]!,
      status: twilioStatuses[leg.status]!,
      record,
    };
    this.store.add(call);
    return call;
  }

  /**
   * The `completed` status callback Twilio would send for a call to `url`, signed with the
   * account's Auth Token: form-encoded (default), or JSON with `bodySHA256` in the URL.
   */
  statusCallback(
    callId: string,
    url: string,
    options: { json?: boolean; sequenceNumber?: number } = {},
  ): { method: 'POST'; url: string; headers: Record<string, string>; body: string } {
    const call = this.store.get(callId);
    if (!call) throw new Error(`no simulated Twilio call ${callId}`);
    const record = call.record;
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: apiVersion,
      CallSid: call.id,
      CallStatus: String(record.status),
      CallbackSource: 'call-progress-events',
      Direction: String(record.direction),
      From: String(record.from),
      SequenceNumber: String(options.sequenceNumber ?? 0),
      Timestamp: String(record.end_time ?? record.start_time),
      To: String(record.to),
      ...(record.duration ? { CallDuration: String(record.duration) } : {}),
      ...(record.parent_call_sid ? { ParentCallSid: String(record.parent_call_sid) } : {}),
    };
    if (options.json) {
      const body = JSON.stringify(params);
      const hash = createHash('sha256').update(body).digest('hex');
      const signed = `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
      return {
        method: 'POST',
        url: signed,
        headers: {
          'content-type': 'application/json',
          'x-twilio-signature': computeTwilioSignature(this.authToken, signed),
        },
        body,
      };
    }
    return {
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeTwilioSignature(this.authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: TwilioSimulatorOptions = {}): Promise<TwilioSimulator> {
    const simulator = new TwilioSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return error(429, 20429, 'Too Many Requests');
  }

  #served(call: SimulatedTwilioCall): Record<string, unknown> {
    const echo = this.echo;
    const record = echo ? { ...call.record, caller_name: echo, forwarded_from: echo } : call.record;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  #authenticated(request: SimulatorRequest): boolean {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return (
      decoded === `${this.accountSid}:${this.authToken}` ||
      decoded === `${this.apiKey}:${this.apiSecret}`
    );
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls(?:\/([^/]+))?\.json$/.exec(
      request.url.pathname,
    );
    if (request.method !== 'GET' || !match)
      return error(404, 20404, 'The requested resource was not found');
    if (!this.#authenticated(request)) return error(401, 20003, 'Authenticate');
    const [, account, callSid] = match;
    if (account !== this.accountSid && account !== this.subaccountSid)
      return error(
        404,
        20404,
        `The requested resource /2010-04-01/Accounts/${account}/Calls.json was not found`,
      );
    const own = account === this.accountSid;
    if (callSid !== undefined) {
      const call = this.store.get(callSid);
      if (!own || call === undefined)
        return error(404, 20404, `The requested resource ${request.url.pathname} was not found`);
      return { status: 200, body: this.#served(call) };
    }
    return this.#list(request.url, own);
  }

  #list(url: URL, own: boolean): SimulatorAnswer {
    const query = url.searchParams;
    const after = parseBound(query.get('StartTime>'));
    const before = parseBound(query.get('StartTime<'));
    if (after === 'invalid' || before === 'invalid')
      return error(400, 20001, 'Invalid StartTime: expected YYYY-MM-DD or an ISO 8601 date-time');
    const pageSize = Number(query.get('PageSize') ?? '50');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      return error(400, 20001, 'PageSize must be between 1 and 1000');
    const page = Number(query.get('Page') ?? '0');
    if (!Number.isInteger(page) || page < 0)
      return error(400, 20001, 'Page must be a non-negative integer');
    const low = own && after !== undefined ? this.store.lowerBound(after) : 0;
    const high = !own ? 0 : before !== undefined ? this.store.lowerBound(before) : this.store.size;
    // Newest first: from index `top` down to `low`.
    let top = high - 1;
    const token = query.get('PageToken');
    if (token !== null) {
      const position = /^PA(CA[0-9a-f]{32})$/.exec(token) ? this.store.indexOf(token.slice(2)) : -1;
      if (position < 0) return error(400, 20001, 'Invalid PageToken');
      top = Math.min(top, position - 1);
    }
    const calls: Record<string, unknown>[] = [];
    let index = top;
    for (; index >= low && calls.length < pageSize; index--)
      calls.push(this.#served(this.store.at(index)!));
    const base = new URLSearchParams(query);
    base.delete('Page');
    base.delete('PageToken');
    base.set('PageSize', String(pageSize));
    const uri = (extra: Record<string, string>) =>
      `${url.pathname}?${new URLSearchParams([...base, ...Object.entries(extra)])}`;
    const last = calls.at(-1)?.sid as string | undefined;
    return {
      status: 200,
      body: {
        calls,
        end: page * pageSize + Math.max(0, calls.length - 1),
        first_page_uri: uri({ Page: '0' }),
        next_page_uri:
          index >= low && last ? uri({ Page: String(page + 1), PageToken: `PA${last}` }) : null,
        page,
        page_size: pageSize,
        previous_page_uri: page > 0 ? uri({ Page: String(page - 1) }) : null,
        start: page * pageSize,
        uri: `${url.pathname}${url.search}`,
      },
    };
  }
}
