import { formatZonedDate, formatZonedDateTime, INDIA_TIME_ZONE, toZonedParts } from '@cdr/core';
import { mapConcurrent } from '@cdr/core/provider-utils';
import {
  ApiSimulator,
  type ApiSimulatorOptions,
  hex,
  indianMobile,
  integer,
  pick,
  type RequestBudget,
  type SimulatedDataOptions,
  type SimulatorAnswer,
  type SimulatorRequest,
  SlidingWindowBudget,
  seededRandom,
  simulatedDataEnd,
} from '@cdr/core/testing';
import { ozonetelMessages } from '../ozonetel-error.js';
import { ozonetelReportsMessages } from '../ozonetel-reports-errors.js';

export interface SimulatedOzonetelCall {
  ucid: string;
  /** The reports API's `CallID`: 17 digits, above 2^53, served as a bare JSON number. */
  callId: string;
  startedAt: Date;
  /** The record as Ozonetel returns it. */
  record: Record<string, string>;
}

/**
 * `calls`: spread over the 20 days before `now` (some beyond retention), default 100; no
 * `days`. `now`: the simulated clock's start, epoch ms as every simulator's (a `Date`, as
 * earlier versions took, is refused: pass `date.getTime()`); default real now.
 */
export interface OzonetelSimulatorOptions
  extends ApiSimulatorOptions,
    Omit<SimulatedDataOptions, 'days'> {
  /** The account's budget. Default 50 a minute, as documented; scale it down for fast tests. */
  rateLimit?: RequestBudget;
  path?: string;
  /** The reports API's budget. Default 2 a minute, as documented; scale it down for fast tests. */
  reportsRateLimit?: RequestBudget;
  /** Default `/ca_apis/CAToken/generateToken`. */
  tokenPath?: string;
  /** Default `/ca_reports/fetchCDRDetails`. */
  reportsPath?: string;
  /** How long a token lasts on the simulated clock. Default 60 minutes. */
  tokenLifetimeMs?: number;
  /** Tokens issued in any hour of real time. Default 10. */
  tokensPerHour?: number;
}

/** The reports API's answers the simulator gives beyond the documented ones (inferred). */
export const simulatedReportsMessages = {
  tokenIssued: 'Token generated successfully',
  tokenLimit: 'Token generation limit exceeded',
  sameDate: 'fromDate and toDate should be on the same date',
  retention: 'Data is available only for the last 15 days',
} as const;

/** How a callback push is encoded: Ozonetel's form field `data` (one object or a one-element array), or a JSON body. */
export type CallbackEncoding = 'form' | 'form-array' | 'json';

const pad = (value: number) => String(value).padStart(2, '0');
const hms = (seconds: number) =>
  `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;

/**
 * Ozonetel's CDR-by-UCID API on 127.0.0.1: a current-day and a historical store on a
 * controllable clock (midnight IST migration, historical readable from 03:00 IST), 15-day
 * retention, the per-account budget answered with "max limit exceeded", every documented
 * error message, and the same fault knobs as the other simulators.
 */
export class OzonetelSimulator extends ApiSimulator {
  readonly userName = 'acme_cloudagent';
  readonly apiKey: string;
  #now: number;
  #clockStartedAt = Date.now();
  #calls = new Map<string, SimulatedOzonetelCall>();
  readonly #budget: SlidingWindowBudget;
  readonly #path: string;
  readonly #random: () => number;
  #nextUcid = 0;
  #nextCallId = 0n;
  readonly #reportsBudget: SlidingWindowBudget;
  readonly #tokenPath: string;
  readonly #reportsPath: string;
  readonly #tokenLifetimeMs: number;
  /** Tokens issued in any hour of real time. */
  readonly #issuanceBudget: SlidingWindowBudget;
  /** The token in force (a new one supersedes it) and when, on the simulated clock, it was issued. */
  #token: { value: string; issuedAt: number } | undefined;
  /** Tokens issued so far. */
  tokensIssued = 0;
  /** The `fromDate`/`toDate` of every reports request that reached the data, in order. */
  readonly reportRequests: { fromDate: string; toDate: string }[] = [];

  private constructor(options: OzonetelSimulatorOptions) {
    super(options);
    this.#random = seededRandom(options.seed ?? 7);
    this.apiKey = `KK${hex(this.#random, 30)}`;
    this.#now = simulatedDataEnd('OzonetelSimulator', options.now ?? Date.now());
    this.#budget = new SlidingWindowBudget(options.rateLimit ?? { limit: 50, intervalMs: 60_000 });
    this.#path = options.path ?? '/CAServices/cdr/callBacks.php';
    this.#nextUcid = 1_000_000 + integer(this.#random, 0, 1_000_000);
    // Not drawn from the seeded source: the seeded calls stay those of earlier versions.
    this.#nextCallId = 31_733_467_784_618_213n;
    this.#reportsBudget = new SlidingWindowBudget(
      options.reportsRateLimit ?? { limit: 2, intervalMs: 60_000 },
    );
    this.#tokenPath = options.tokenPath ?? '/ca_apis/CAToken/generateToken';
    this.#reportsPath = options.reportsPath ?? '/ca_reports/fetchCDRDetails';
    this.#tokenLifetimeMs = options.tokenLifetimeMs ?? 3_600_000;
    this.#issuanceBudget = new SlidingWindowBudget({
      limit: options.tokensPerHour ?? 10,
      intervalMs: 3_600_000,
    });
    for (let index = 0; index < (options.calls ?? 100); index++) {
      this.addCall(new Date(this.#now - Math.floor(this.#random() * 20 * 86_400_000)));
    }
  }

  /** Answers of "max limit exceeded" so far. */
  get rateLimitedCount(): number {
    return this.#budget.refused;
  }

  /** Reports requests answered with the budget error so far. */
  get reportsRateLimitedCount(): number {
    return this.#reportsBudget.refused;
  }

  static async start(options: OzonetelSimulatorOptions = {}): Promise<OzonetelSimulator> {
    const simulator = new OzonetelSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    // Ozonetel answers every error, its budget included, with a 200.
    return { status: 200, body: { status: 'error', message: ozonetelMessages.rateLimited } };
  }

  protected override truth(): unknown {
    return this.calls().map((call) => ({
      ucid: call.ucid,
      callId: call.callId,
      startedAt: call.startedAt.toISOString(),
      store: this.storeOf(call),
    }));
  }

  /**
   * Ground truth for a listing: the calls the reports API holds that started in the window
   * (both ends inclusive), oldest first, with the filters applied as the mapping reads
   * the records.
   */
  callsBetween(
    from: Date,
    to: Date,
    filter: { direction?: string | undefined; status?: string | undefined } = {},
  ): SimulatedOzonetelCall[] {
    const now = this.now().getTime();
    const oldest = now - 15 * 86_400_000;
    return this.calls()
      .filter((call) => {
        const at = call.startedAt.getTime();
        return at >= from.getTime() && at <= to.getTime() && at <= now && at >= oldest;
      })
      .filter((call) => filter.direction === undefined || directionOf(call) === filter.direction)
      .filter((call) => filter.status === undefined || statusOf(call) === filter.status)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }

  /** Moves the simulated clock past the token's end: the next reports request gets "Token Expired". */
  expireToken(): void {
    if (this.#token) this.#token.issuedAt = this.now().getTime() - this.#tokenLifetimeMs - 1;
  }

  /** The simulated time: the time set, advancing with real time since. */
  now(): Date {
    return new Date(this.#now + (Date.now() - this.#clockStartedAt));
  }

  /** Moves the clock, e.g. to `2026-11-24T00:30:00+05:30`. */
  setNow(instant: Date): void {
    this.#now = instant.getTime();
    this.#clockStartedAt = Date.now();
  }

  /** Every call, with where the store logic puts it now. */
  calls(): SimulatedOzonetelCall[] {
    return [...this.#calls.values()];
  }

  /** Where a call can be read from at the simulated now: a store, or nowhere. */
  storeOf(call: SimulatedOzonetelCall): 'currentday' | 'historical' | 'none' {
    const now = this.now();
    const today = formatZonedDate(now, INDIA_TIME_ZONE);
    const day = formatZonedDate(call.startedAt, INDIA_TIME_ZONE);
    if (day >= today) return call.startedAt.getTime() <= now.getTime() ? 'currentday' : 'none';
    const todayStart = new Date(`${today}T00:00:00+05:30`).getTime();
    if (call.startedAt.getTime() < todayStart - 15 * 86_400_000) return 'none';
    const yesterday = formatZonedDate(new Date(todayStart - 12 * 3_600_000), INDIA_TIME_ZONE);
    if (day === yesterday && toZonedParts(now, INDIA_TIME_ZONE).hour < 3) return 'none';
    return 'historical';
  }

  addCall(startedAt: Date, overrides: Record<string, string> = {}): SimulatedOzonetelCall {
    const random = this.#random;
    const ucid = String(this.#nextUcid++) + String(integer(random, 10_000_000, 99_999_999));
    const inbound = random() < 0.5;
    const answered = random() < 0.75;
    const ring = integer(random, 2, 30);
    const talk = answered ? integer(random, 10, 900) : 0;
    const endedAt = new Date(startedAt.getTime() + (ring + talk) * 1000);
    const agent = pick(random, [
      { id: 'meera', name: 'Meera', phone: `0${indianMobile(random)}` },
      { id: 'vikram', name: 'Vikram', phone: `0${indianMobile(random)}` },
    ]);
    const customer = `0${indianMobile(random)}`;
    const record: Record<string, string> = {
      monitorUCID: ucid,
      UUI: '',
      Did: '918068000000',
      CampaignName: inbound ? 'Inbound_Support' : 'Outbound_Sales',
      Location: '',
      CallerID: customer,
      PhoneName: agent.phone,
      Skill: inbound ? 'Support' : 'None',
      StartTime: formatZonedDateTime(startedAt, INDIA_TIME_ZONE),
      EndTime: formatZonedDateTime(endedAt, INDIA_TIME_ZONE),
      TimeToAnswer: hms(ring),
      CallDuration: hms(ring + talk),
      Duration: hms(talk),
      FallBackRule: 'AgentDial',
      DialedNumber: inbound ? '' : customer,
      Type: inbound ? 'inbound' : pick(random, ['manual', 'progressive', 'preview']),
      AgentID: answered ? agent.id : '',
      AgentPhoneNumber: agent.phone,
      AgentUniqueID: 'None',
      AgentName: answered ? agent.name : 'None',
      Disposition: answered ? pick(random, ['Interested', 'Call Back', 'Resolved']) : '',
      HangupBy: pick(random, ['UserHangup', 'AgentHangup']),
      Status: answered ? 'Answered' : 'Unanswered',
      AudioFile: answered ? `https://recordings.example.invalid/${ucid}.mp3` : '',
      TransferType: 'No Transfers',
      TransferredTo: '',
      Comments: '',
      DialStatus: answered ? 'answered' : pick(random, ['NO_ANSWER', 'USER_BUSY']),
      Apikey: this.apiKey,
      AgentStatus: answered ? 'answered' : 'NotAnswered',
      CustomerStatus: answered ? 'answered' : 'NotAnswered',
      UserName: this.userName,
      CallerConfAudioFile: '',
      ConfDuration: '00:00:00',
      CampaignStatus: 'ONLINE',
      DataUniqueId: '',
      CallCompleted: 'TRUE',
      ...overrides,
    };
    const callId = String(this.#nextCallId);
    this.#nextCallId += 7_919n;
    const call = { ucid, callId, startedAt, record };
    this.#calls.set(ucid, call);
    return call;
  }

  /**
   * Pushes a call's CDR to a callback URL the way Ozonetel does after each call (with the
   * account's `Apikey` in the payload). Resolves to the receiver's HTTP status.
   */
  async pushCallback(
    url: string,
    ucid: string,
    encoding: CallbackEncoding = 'form',
  ): Promise<number> {
    const call = this.#calls.get(ucid);
    if (!call) throw new Error(`no simulated call with UCID ${ucid}`);
    const json = JSON.stringify(encoding === 'form-array' ? [call.record] : call.record);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type':
          encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: encoding === 'json' ? json : new URLSearchParams({ data: json }).toString(),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /**
   * Pushes every call it still keeps to `url` as Ozonetel does after each call, both
   * encodings it uses (a form with one record, or with a one-record array), except those
   * `withhold` holds back (pushes that never came): resolves to their UCIDs.
   */
  async pushCalls(
    url: string,
    withhold: (index: number) => boolean,
  ): Promise<{ pushed: number; withheld: string[] }> {
    const kept = this.calls().filter((call) => this.storeOf(call) !== 'none');
    const pushed = kept.filter((_, index) => !withhold(index));
    const pushes = mapConcurrent(
      pushed,
      (call) => this.pushCallback(url, call.ucid, call.ucid.endsWith('7') ? 'form-array' : 'form'),
      { concurrency: 8 },
    );
    for await (const _status of pushes) {
      // The receiver answers each; what it stored is its own count.
    }
    return {
      pushed: pushed.length,
      withheld: kept.filter((_, index) => withhold(index)).map((call) => call.ucid),
    };
  }

  /** A record as served: with the echo text in its free-text fields, when one is set. */
  #served(call: SimulatedOzonetelCall): Record<string, string> {
    const echo = this.echo;
    const record = echo
      ? {
          ...call.record,
          Comments: echo,
          Disposition: echo,
          AudioFile: `https://recordings.example.invalid/${call.ucid}.mp3?note=${encodeURIComponent(echo)}`,
        }
      : call.record;
    const corruption = this.corruptionOf(call.ucid);
    return corruption ? { ...record, ...(corruption as Record<string, string>) } : record;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const success = (message: unknown): SimulatorAnswer => ({
      status: 200,
      body: { status: 'success', message },
    });
    const error = (message: string): SimulatorAnswer => ({
      status: 200,
      body: { status: 'error', message },
    });
    if (request.url.pathname === this.#tokenPath) return this.#issueToken(request);
    if (request.url.pathname === this.#reportsPath) return this.#report(request);
    if (request.url.pathname !== this.#path) return { status: 404, body: 'Not Found' };
    const parameter = (name: string) => request.url.searchParams.get(name) ?? '';
    const userName = parameter('userName');
    const apiKey = parameter('apiKey');
    const ucid = parameter('ucid');
    const reportType = parameter('reportType');
    if (!userName) return error(ozonetelMessages.userNameEmpty);
    if (!apiKey) return error(ozonetelMessages.apiKeyEmpty);
    if (!ucid) return error(ozonetelMessages.ucidEmpty);
    if (!reportType) return error(ozonetelMessages.reportTypeEmpty);
    if (reportType !== 'currentday' && reportType !== 'historical')
      return error(ozonetelMessages.invalidReportType);
    if (!/^\d+$/.test(ucid)) return error(ozonetelMessages.ucidNotNumeric);
    if (userName !== this.userName || apiKey !== this.apiKey)
      return error(ozonetelMessages.invalidCredentials);
    // A sliding window, like the budget Ozonetel documents (50 in any minute).
    if (!this.#budget.take()) return error(ozonetelMessages.rateLimited);
    const call = this.#calls.get(ucid);
    if (!call || this.storeOf(call) !== reportType) {
      return success(`No Data Found with UCID ${ucid}`);
    }
    return success([this.#served(call)]);
  }

  #reportsError(message: string, status = 200): SimulatorAnswer {
    return { status, body: { status: 'false', message, data: null } };
  }

  /** `POST /ca_apis/CAToken/generateToken`: header `apiKey`, body `{userName}`. */
  #issueToken(request: SimulatorRequest): SimulatorAnswer {
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    const apiKey = request.headers.apikey;
    const body = request.json() as { userName?: unknown } | undefined;
    const userName = body?.userName;
    if (typeof apiKey !== 'string' || apiKey === '' || typeof userName !== 'string' || !userName)
      return this.#reportsError(ozonetelReportsMessages.missingCredentials);
    if (apiKey !== this.apiKey || userName !== this.userName)
      return this.#reportsError(ozonetelReportsMessages.invalidCredentialsAlt);
    if (!this.#issuanceBudget.take())
      return this.#reportsError(simulatedReportsMessages.tokenLimit);
    this.tokensIssued++;
    // A new token supersedes the previous one.
    this.#token = { value: `eyJ${hex(this.#random, 40)}`, issuedAt: this.now().getTime() };
    return {
      status: 200,
      body: { token: this.#token.value, message: simulatedReportsMessages.tokenIssued },
    };
  }

  /** `GET /ca_reports/fetchCDRDetails` with a JSON body: one IST date per request, 15 days back. */
  #report(request: SimulatorRequest): SimulatorAnswer {
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const body = (request.json() ?? {}) as {
      fromDate?: unknown;
      toDate?: unknown;
      userName?: unknown;
    };
    if (bearer === undefined || typeof body.userName !== 'string' || body.userName === '')
      return this.#reportsError(ozonetelReportsMessages.missingCredentials);
    if (body.userName !== this.userName)
      return this.#reportsError(ozonetelReportsMessages.invalidCredentials);
    const now = this.now().getTime();
    if (
      !this.#token ||
      bearer !== this.#token.value ||
      now >= this.#token.issuedAt + this.#tokenLifetimeMs
    )
      return this.#reportsError(ozonetelReportsMessages.tokenExpired);
    // The reports API's own budget: 2 in any minute (scaled as set).
    if (!this.#reportsBudget.take())
      return this.#reportsError(ozonetelReportsMessages.reportsRateLimited, 429);
    if (typeof body.fromDate !== 'string' || typeof body.toDate !== 'string')
      return this.#reportsError(ozonetelReportsMessages.missingDates);
    const format = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
    if (!format.test(body.fromDate))
      return this.#reportsError(ozonetelReportsMessages.invalidFromDate);
    if (!format.test(body.toDate))
      return this.#reportsError(ozonetelReportsMessages.invalidFromDate);
    if (body.fromDate.slice(0, 10) !== body.toDate.slice(0, 10))
      return this.#reportsError(simulatedReportsMessages.sameDate);
    const from = new Date(`${body.fromDate.replace(' ', 'T')}+05:30`);
    const to = new Date(`${body.toDate.replace(' ', 'T')}.999+05:30`);
    if (from.getTime() > now || to.getTime() > now + 999)
      return this.#reportsError(ozonetelReportsMessages.futureDates);
    const todayStart = Date.parse(`${formatZonedDate(this.now(), INDIA_TIME_ZONE)}T00:00:00+05:30`);
    if (from.getTime() < todayStart - 15 * 86_400_000)
      return this.#reportsError(simulatedReportsMessages.retention);
    this.reportRequests.push({ fromDate: body.fromDate, toDate: body.toDate });
    const records = this.callsBetween(from, to).map((call) => this.#reportRecord(call));
    // Written by hand: `CallID` is a bare JSON number above 2^53, which JSON.stringify cannot write.
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: `{"details":[${records.join(',')}]}`,
    };
  }

  /** A call as the reports API writes it (PascalCase, `CallAudio`, `E164`, `DID`, `CallID` a number). */
  #reportRecord(call: SimulatedOzonetelCall): string {
    const served = this.#served(call);
    const customer = served.CallerID ?? '';
    const record = {
      AgentDialStatus: served.AgentStatus,
      AgentID: served.AgentID,
      AgentName: served.AgentName,
      AgentPhoneNumber: served.AgentPhoneNumber,
      CallAudio: served.AudioFile,
      CallDate: served.StartTime?.slice(0, 10),
      CallID: '__CALL_ID__',
      CallerConfAudioFile: '',
      CallerID: customer.replace(/^0/, ''),
      CampaignName: served.CampaignName,
      Comments: served.Comments,
      ConferenceDuration: '00:00:00',
      CustomerDialStatus: served.CustomerStatus,
      CustomerRingTime: served.TimeToAnswer,
      DID: served.Did,
      DialOutName: '',
      DialStatus: served.DialStatus,
      DialedNumber: served.DialedNumber,
      Disposition: served.Disposition,
      Duration: served.Duration,
      DynamicDID: '',
      E164: customer ? `+91${customer.replace(/^0/, '')}` : '',
      EndTime: served.EndTime,
      HangupBy: served.HangupBy,
      Location: served.Location,
      Skill: served.Skill,
      StartTime: served.StartTime,
      Status: served.Status,
      CallDuration: served.CallDuration,
      TransferType: served.TransferType,
      TransferredTo: served.TransferredTo,
      Type: served.Type,
      UCID: call.ucid,
      UUI: served.UUI,
      monitorUCID: call.ucid,
    };
    return JSON.stringify(record).replace('"__CALL_ID__"', call.callId);
  }
}

function directionOf(call: SimulatedOzonetelCall): 'inbound' | 'outbound' {
  return call.record.Type === 'inbound' ? 'inbound' : 'outbound';
}

function statusOf(call: SimulatedOzonetelCall): 'answered' | 'busy' | 'missed' {
  if (call.record.Status === 'Answered') return 'answered';
  return call.record.DialStatus === 'USER_BUSY' ? 'busy' : 'missed';
}
