import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector, type FaultKind, startTestServer } from '@cdr/core/testing';
import {
  createTelecmiDataSet,
  type SimulatedTelecmiCall,
  type SimulatedTelecmiEndpoint,
  type TelecmiDataSetOptions,
} from './telecmi-data-set.js';

export interface TelecmiSimulatorOptions extends TelecmiDataSetOptions {
  /** Delay before every answer, in ms. Default 0. */
  latencyMs?: number;
  /** Probability of a random fault (5xx, reset, truncated body) on any request. Default 0. */
  faultRate?: number;
  /** The faults `faultRate` draws from. Default: 5xx, connection reset, truncated body. */
  faultKinds?: readonly FaultKind[];
  /** The delay of a `slow-headers` fault, in ms. Default 2 s. */
  slowMs?: number;
  /** Called before each request is answered, with its number (from 1): add late calls here. */
  beforeRequest?: (requestNumber: number, simulator: TelecmiSimulator) => void;
}

export interface TelecmiWindowFilter {
  from: Date;
  to: Date;
}

type Answer = { status: number; body: unknown };

const json = (response: ServerResponse, { status, body }: Answer) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const missing: Answer = { status: 400, body: { code: 400, msg: 'Parameter missing' } };
const limitTooLarge: Answer = {
  status: 400,
  body: { code: 400, msg: 'Parameter limit lesser then equals 10' },
};

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * A TeleCMI / PIOPIY API on 127.0.0.1 that behaves as the docs describe: the three CDR
 * endpoints, their credentials, 400 and 404 answers, pages of at most 10, window
 * filtering and newest-first order, each endpoint's own field formats — over a seeded data
 * set, with latency, injected faults and calls that arrive during a listing.
 */
export class TelecmiSimulator {
  readonly dataSet: ReturnType<typeof createTelecmiDataSet>;
  readonly faults: FaultInjector;
  latencyMs: number;
  #calls: SimulatedTelecmiCall[];
  readonly #listings = new Map<string, SimulatedTelecmiCall[]>();
  #server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  #requests = 0;
  readonly #beforeRequest: TelecmiSimulatorOptions['beforeRequest'];

  private constructor(options: TelecmiSimulatorOptions) {
    this.dataSet = createTelecmiDataSet(options);
    this.#calls = [...this.dataSet.calls];
    this.latencyMs = options.latencyMs ?? 0;
    this.#beforeRequest = options.beforeRequest;
    this.faults = new FaultInjector({
      faultRate: options.faultRate ?? 0,
      random: Math.random,
      ...(options.faultKinds ? { randomKinds: options.faultKinds } : {}),
      ...(options.slowMs !== undefined ? { slowMs: options.slowMs } : {}),
      rateLimited: (response) => {
        response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 429, msg: 'Too many requests' }));
      },
    });
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: TelecmiSimulatorOptions = {}): Promise<TelecmiSimulator> {
    const simulator = new TelecmiSimulator(options);
    simulator.#server = await startTestServer((request, response, body) =>
      simulator.#handle(request, response, body),
    );
    return simulator;
  }

  get url(): string {
    return this.#server!.url;
  }

  /** Both hosts are served here: pass as `baseUrls` to `createTelecmi`. */
  get baseUrls(): { rest: string; piopiy: string } {
    return { rest: this.url, piopiy: this.url };
  }

  get accounts() {
    return this.dataSet.accounts;
  }

  /** Credentials that the simulator accepts, one per kind (the first agent for `agent`). */
  get credentials() {
    const { userToken, appId, appSecret, agents } = this.dataSet.accounts;
    return {
      user: { kind: 'user', token: userToken } as const,
      app: { kind: 'app', appId, appSecret } as const,
      agent: { kind: 'agent', token: agents[0]!.token } as const,
    };
  }

  get requestCount(): number {
    return this.#server?.requestCount ?? 0;
  }

  /** Ground truth: the calls a credential kind can see, optionally within a window (inclusive). */
  calls(
    kind: 'user' | 'app' | 'agent',
    window?: TelecmiWindowFilter,
    agentToken?: string,
  ): SimulatedTelecmiCall[] {
    const agentId =
      kind === 'agent'
        ? this.dataSet.accounts.agents.find(
            (agent) => agent.token === (agentToken ?? this.dataSet.accounts.agents[0]!.token),
          )?.agentId
        : undefined;
    return this.#calls.filter((call) => {
      if (window && (call.time < window.from.getTime() || call.time > window.to.getTime()))
        return false;
      if (kind === 'user') return call.endpoint !== 'app-outgoing-missed';
      if (kind === 'app') return call.endpoint === 'app-outgoing-missed';
      return call.endpoint === 'app-outgoing-missed' && call.agentId === agentId;
    });
  }

  /**
   * The calls one listing can see, newest first, cached until calls are added: listings
   * cut windows and pages out of it by binary search, so a simulator of a million calls
   * answers a page without scanning them all.
   */
  #listing(key: string, select: (call: SimulatedTelecmiCall) => boolean): SimulatedTelecmiCall[] {
    let sorted = this.#listings.get(key);
    if (!sorted) {
      sorted = this.#calls
        .filter(select)
        .sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
      this.#listings.set(key, sorted);
    }
    return sorted;
  }

  /** Adds a call, as if it had just been published by TeleCMI (possibly late, with an old time). */
  addCall(endpoint: SimulatedTelecmiEndpoint, time: number): SimulatedTelecmiCall {
    const call = this.dataSet.makeCall(endpoint, time);
    this.#calls.push(call);
    this.#listings.clear();
    return call;
  }

  /** Changes a call's record in place, e.g. a note added later. */
  updateCall(id: string, change: (record: Record<string, unknown>) => void): void {
    const call = this.#calls.find((candidate) => candidate.id === id);
    if (call) change(call.record);
  }

  injectFault(kind: FaultKind, count = 1): void {
    this.faults.inject(kind, count);
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  async #handle(request: IncomingMessage, response: ServerResponse, text: string): Promise<void> {
    this.#requests++;
    this.#beforeRequest?.(this.#requests, this);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (await this.faults.apply(response)) return;
    if (request.method !== 'POST')
      return json(response, { status: 404, body: { code: 404, msg: 'Not found' } });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return json(response, missing);
    }
    const path = (request.url ?? '').split('?')[0];
    if (path === '/v2/user/out_cdr') return json(response, this.#userOutCdr(body));
    if (path === '/v1/outmissed') return json(response, this.#appOutMissed(body));
    if (path === '/v1/agentOutMissed') return json(response, this.#agentOutMissed(body));
    return json(response, { status: 404, body: { code: 404, msg: 'Not found' } });
  }

  /** A window of a newest-first listing (inclusive bounds), found by binary search. */
  #inWindow(sorted: SimulatedTelecmiCall[], from: number, to: number) {
    // The first index whose call is older than the bound (the listing is newest first).
    const firstOlder = (isOlder: (time: number) => boolean) => {
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (isOlder(sorted[middle]!.time)) high = middle;
        else low = middle + 1;
      }
      return low;
    };
    return { start: firstOlder((time) => time <= to), end: firstOlder((time) => time < from) };
  }

  #page(
    sorted: SimulatedTelecmiCall[],
    from: number,
    to: number,
    page: unknown,
    limit: unknown,
  ): { count: number; records: unknown[] } | Answer {
    const pageNumber = page === undefined ? 1 : page;
    const limitNumber = limit === undefined ? 10 : limit;
    if (
      !Number.isInteger(pageNumber) ||
      (pageNumber as number) < 1 ||
      !Number.isInteger(limitNumber) ||
      (limitNumber as number) < 1
    ) {
      return missing;
    }
    if ((limitNumber as number) > 10) return limitTooLarge;
    const window = this.#inWindow(sorted, from, to);
    const start = window.start + ((pageNumber as number) - 1) * (limitNumber as number);
    return {
      count: window.end - window.start,
      records: sorted
        .slice(start, Math.min(start + (limitNumber as number), window.end))
        .map((call) => call.record),
    };
  }

  #userOutCdr(body: Record<string, unknown>): Answer {
    if (typeof body.token !== 'string' || !isTimestamp(body.from) || !isTimestamp(body.to))
      return missing;
    if (body.token !== this.dataSet.accounts.userToken) {
      return {
        status: 404,
        body: { code: 404, msg: 'Invalid user token, Failed to authenticate token' },
      };
    }
    const endpoint =
      body.type === 1
        ? 'user-outgoing-answered'
        : body.type === 0
          ? 'user-outgoing-missed'
          : undefined;
    const sorted = this.#listing(endpoint ?? 'user', (call) =>
      endpoint === undefined ? call.endpoint !== 'app-outgoing-missed' : call.endpoint === endpoint,
    );
    const page = this.#page(sorted, body.from, body.to, body.page, body.limit);
    if ('status' in page) return page;
    return { status: 200, body: { count: page.count, cdr: page.records, code: 200 } };
  }

  #appOutMissed(body: Record<string, unknown>): Answer {
    if (body.appid === undefined || typeof body.token !== 'string') return missing;
    if (
      body.appid !== this.dataSet.accounts.appId ||
      body.token !== this.dataSet.accounts.appSecret
    ) {
      return {
        status: 404,
        body: { code: 404, msg: 'Invalid app id or secret, authentication failed' },
      };
    }
    // Documented defaults: the last 24 hours up to now.
    const to = body.end_date === undefined ? Date.now() : body.end_date;
    const from = body.start_date === undefined ? (to as number) - 86_400_000 : body.start_date;
    if (!isTimestamp(from) || !isTimestamp(to)) return missing;
    const sorted = this.#listing('app', (call) => call.endpoint === 'app-outgoing-missed');
    const page = this.#page(sorted, from, to, body.page, body.limit);
    if ('status' in page) return page;
    return { status: 200, body: { total: page.count, cdr: page.records, code: '200' } };
  }

  #agentOutMissed(body: Record<string, unknown>): Answer {
    if (
      typeof body.token !== 'string' ||
      !isTimestamp(body.from) ||
      !isTimestamp(body.to) ||
      body.page === undefined
    ) {
      return missing;
    }
    const agent = this.dataSet.accounts.agents.find((candidate) => candidate.token === body.token);
    if (!agent) {
      return {
        status: 404,
        body: { code: 404, msg: 'Invalid agent token, authentication failed' },
      };
    }
    const sorted = this.#listing(
      `agent:${agent.agentId}`,
      (call) => call.endpoint === 'app-outgoing-missed' && call.agentId === agent.agentId,
    );
    const page = this.#page(sorted, body.from, body.to, body.page, body.limit);
    if ('status' in page) return page;
    return { status: 200, body: { count: page.count, cdr: page.records, code: 200 } };
  }
}
