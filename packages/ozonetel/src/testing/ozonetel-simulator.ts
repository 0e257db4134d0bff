import { formatZonedDate, formatZonedDateTime, INDIA_TIME_ZONE, toZonedParts } from '@cdr/core';
import {
  ApiSimulator,
  type ApiSimulatorOptions,
  hex,
  indianMobile,
  integer,
  pick,
  type SimulatorAnswer,
  type SimulatorRequest,
  seededRandom,
} from '@cdr/core/testing';
import { ozonetelMessages } from '../ozonetel-error.js';

export interface SimulatedOzonetelCall {
  ucid: string;
  startedAt: Date;
  /** The record as Ozonetel returns it. */
  record: Record<string, string>;
}

export interface OzonetelSimulatorOptions extends ApiSimulatorOptions {
  seed?: number;
  /** Calls spread over the 20 days before `now` (some beyond retention). Default 100. */
  calls?: number;
  /** The simulated clock's start. Default: real now. */
  now?: Date;
  /** The account's budget. Default 50 a minute, as documented; scale it down for fast tests. */
  rateLimit?: { limit: number; intervalMs: number };
  path?: string;
}

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
  /** Answers of "max limit exceeded" so far. */
  rateLimitedCount = 0;
  #now: number;
  #clockStartedAt = Date.now();
  #calls = new Map<string, SimulatedOzonetelCall>();
  #grants: number[] = [];
  readonly #rateLimit: { limit: number; intervalMs: number };
  readonly #path: string;
  readonly #random: () => number;
  #nextUcid = 0;

  private constructor(options: OzonetelSimulatorOptions) {
    super(options);
    this.#random = seededRandom(options.seed ?? 7);
    this.apiKey = `KK${hex(this.#random, 30)}`;
    this.#now = (options.now ?? new Date()).getTime();
    this.#rateLimit = options.rateLimit ?? { limit: 50, intervalMs: 60_000 };
    this.#path = options.path ?? '/CAServices/cdr/callBacks.php';
    this.#nextUcid = 1_000_000 + integer(this.#random, 0, 1_000_000);
    for (let index = 0; index < (options.calls ?? 100); index++) {
      this.addCall(new Date(this.#now - Math.floor(this.#random() * 20 * 86_400_000)));
    }
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
    return this.calls().map((call) => ({ ucid: call.ucid, store: this.storeOf(call) }));
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
    const call = { ucid, startedAt, record };
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

  /** A record as served: with the echo text in its free-text fields, when one is set. */
  #served(call: SimulatedOzonetelCall): Record<string, string> {
    const echo = this.echo;
    if (!echo) return call.record;
    return {
      ...call.record,
      Comments: echo,
      Disposition: echo,
      AudioFile: `https://recordings.example.invalid/${call.ucid}.mp3?note=${encodeURIComponent(echo)}`,
    };
  }

  /** A sliding window, like the budget Ozonetel documents (50 in any minute). */
  #withinBudget(): boolean {
    const now = Date.now();
    this.#grants = this.#grants.filter((time) => time > now - this.#rateLimit.intervalMs);
    if (this.#grants.length >= this.#rateLimit.limit) return false;
    this.#grants.push(now);
    return true;
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
    if (!this.#withinBudget()) {
      this.rateLimitedCount++;
      return error(ozonetelMessages.rateLimited);
    }
    const call = this.#calls.get(ucid);
    if (!call || this.storeOf(call) !== reportType) {
      return success(`No Data Found with UCID ${ucid}`);
    }
    return success([this.#served(call)]);
  }
}
