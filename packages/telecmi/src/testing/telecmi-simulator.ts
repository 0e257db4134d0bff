import {
  ApiSimulator,
  type ApiSimulatorOptions,
  SimulatedCallStore,
  type SimulatorAnswer,
  type SimulatorRequest,
  seededRandom,
} from '@cdr/core/testing';
import type { TelecmiCredentials } from '../telecmi-credentials.js';
import {
  type TelecmiCredentialKind,
  type TelecmiEndpoint,
  telecmiEndpoints,
} from '../telecmi-endpoints.js';
import {
  createTelecmiDataSet,
  type SimulatedTelecmiCall,
  type SimulatedTelecmiCallKind,
  type TelecmiDataSetOptions,
} from './telecmi-data-set.js';
import { telecmiWebhookPayloads } from './telecmi-webhook-payloads.js';

export interface TelecmiSimulatorOptions extends TelecmiDataSetOptions, ApiSimulatorOptions {
  /** Called before each request is answered, with its number (from 1): add late calls here. */
  beforeRequest?: (requestNumber: number, simulator: TelecmiSimulator) => void;
}

export interface TelecmiWindowFilter {
  from: Date;
  to: Date;
}

/** Which calls of the ground truth: a direction, a status, or both. */
export interface TelecmiCallFilter {
  direction?: 'inbound' | 'outbound' | 'unknown' | undefined;
  status?: 'answered' | 'missed' | 'busy' | 'failed' | 'unknown' | undefined;
}

/** How `pushWebhook` delivers a call's CDR webhooks. */
export interface TelecmiWebhookPushOptions {
  /**
   * The order of the legs of a two-leg call: leg a first (default), leg b first, or
   * shuffled with every repeat and live event (seeded by `seed`).
   */
  order?: 'a-first' | 'b-first' | 'random';
  /** How many times each CDR is delivered, as a sender retrying would. Default 1. */
  repeat?: number;
  /** Also send the live events (`type: "event"`) of each leg, before its CDR. Default false. */
  liveEvents?: boolean;
  /**
   * `POST` with a JSON body, as documented (default), or `GET` with every field in the
   * query string (CHUB's pages name GET deliveries; their shape is inferred).
   */
  method?: 'POST' | 'GET';
  /** Sent as `Authorization: Basic …`, as a sender honouring credentials in the URL would. */
  basicAuth?: { username: string; password: string };
  /** The seed of a `random` order. Default: a new order each time. */
  seed?: number;
}

/** One request `pushWebhook` sent, and the receiver's answer. */
export interface TelecmiWebhookDelivery {
  payload: Record<string, unknown>;
  status: number;
}

function shuffled<Item>(items: readonly Item[], random: () => number): Item[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

const missing: SimulatorAnswer = { status: 400, body: { code: 400, msg: 'Parameter missing' } };
const limitTooLarge = (cap: number): SimulatorAnswer => ({
  status: 400,
  body: { code: 400, msg: `Parameter limit lesser then equals ${cap}` },
});
const dayMs = 86_400_000;

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Does an endpoint serve this call? (Agents: their own calls only, checked by the caller.) */
function serves(endpoint: TelecmiEndpoint, call: SimulatedTelecmiCall, type: unknown): boolean {
  const account =
    endpoint.credentialKind === 'piopiy-agent' ? 'piopiy-app' : endpoint.credentialKind;
  if (call.account !== account || call.direction !== endpoint.direction) return false;
  if (endpoint.group === 'voicemail') return call.voicemail;
  // in_cdr and out_cdr serve both statuses, told apart by `type` (both when it is absent).
  if (endpoint.fixedParameters?.type !== undefined) {
    if (type === undefined) return true;
    return call.status === (type === 1 ? 'answered' : type === 0 ? 'missed' : 'none');
  }
  return call.status === endpoint.status;
}

/**
 * TeleCMI's REST v2 and PIOPIY CDR APIs on 127.0.0.1, as documented: every endpoint of
 * `telecmiEndpoints` (user, REST app, PIOPIY app and agent surfaces, each with its id
 * key, total key, secret key, date keys and page cap), their 400 and 404 answers, window
 * filtering, the apps' last-24-hours default, newest-first order — over a seeded data set,
 * with latency, injected faults and calls that arrive during a listing.
 */
export class TelecmiSimulator extends ApiSimulator {
  readonly dataSet: ReturnType<typeof createTelecmiDataSet>;
  #calls: SimulatedTelecmiCall[];
  readonly #listings = new Map<string, SimulatedCallStore<SimulatedTelecmiCall>>();
  #hidden = new Set<string>();

  private constructor(options: TelecmiSimulatorOptions) {
    super(options);
    this.dataSet = createTelecmiDataSet(options);
    this.#calls = [...this.dataSet.calls];
    const beforeRequest = options.beforeRequest;
    if (beforeRequest) this.onRequest = (number) => beforeRequest(number, this);
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: TelecmiSimulatorOptions = {}): Promise<TelecmiSimulator> {
    const simulator = new TelecmiSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { code: 429, msg: 'Too many requests' },
    };
  }

  /** Both hosts are served here: pass as `baseUrls` to `createTelecmi`. */
  get baseUrls(): { rest: string; piopiy: string } {
    return { rest: this.url, piopiy: this.url };
  }

  get accounts() {
    return this.dataSet.accounts;
  }

  /** Credentials the simulator accepts, one per kind (the first agent for `piopiy-agent`). */
  get credentials(): {
    'rest-user': Extract<TelecmiCredentials, { kind: 'rest-user' }>;
    'rest-app': Extract<TelecmiCredentials, { kind: 'rest-app' }>;
    'piopiy-app': Extract<TelecmiCredentials, { kind: 'piopiy-app' }>;
    'piopiy-agent': Extract<TelecmiCredentials, { kind: 'piopiy-agent' }>;
  } {
    const { rest, piopiy } = this.dataSet.accounts;
    return {
      'rest-user': { kind: 'rest-user', token: rest.userToken },
      'rest-app': { kind: 'rest-app', appId: rest.appId, appSecret: rest.appSecret },
      'piopiy-app': { kind: 'piopiy-app', appId: piopiy.appId, appSecret: piopiy.appSecret },
      'piopiy-agent': { kind: 'piopiy-agent', token: piopiy.agents[0]!.token },
    };
  }

  /**
   * Ground truth: the calls a credential kind lists with its default endpoints, optionally
   * within a window (inclusive) and filter. `piopiy-agent`: the agent's answered and
   * outgoing missed calls (the first agent unless a token is given).
   */
  calls(
    kind: TelecmiCredentialKind,
    window?: TelecmiWindowFilter,
    filter: TelecmiCallFilter = {},
    agentToken?: string,
  ): SimulatedTelecmiCall[] {
    const agentId =
      kind === 'piopiy-agent'
        ? this.dataSet.accounts.piopiy.agents.find(
            (agent) =>
              agent.token === (agentToken ?? this.dataSet.accounts.piopiy.agents[0]!.token),
          )?.agentId
        : undefined;
    return this.#calls.filter((call) => {
      if (window && (call.time < window.from.getTime() || call.time > window.to.getTime()))
        return false;
      if (filter.direction !== undefined && call.direction !== filter.direction) return false;
      if (filter.status !== undefined && call.status !== filter.status) return false;
      if (kind === 'piopiy-agent') {
        return (
          call.account === 'piopiy-app' &&
          call.agentId === agentId &&
          ((call.direction === 'inbound' && call.status === 'answered') ||
            (call.direction === 'outbound' && call.status === 'missed'))
        );
      }
      return call.account === kind;
    });
  }

  protected override truth(query: URLSearchParams): unknown {
    const kind = (query.get('kind') ?? 'rest-user') as TelecmiCredentialKind;
    return this.calls(kind).map((call) => ({ id: call.id, time: call.time }));
  }

  /** Adds a call, as if it had just been published by TeleCMI (possibly late, with an old time). */
  addCall(kind: SimulatedTelecmiCallKind, time: number): SimulatedTelecmiCall {
    const call = this.dataSet.makeCall(kind, time);
    this.#calls.push(call);
    this.#listings.clear();
    return call;
  }

  /** Changes a call's record in place, e.g. a note added later. */
  updateCall(id: string, change: (record: Record<string, unknown>) => void): void {
    const call = this.#calls.find((candidate) => candidate.id === id);
    if (call) change(call.record);
  }

  /**
   * Pushes a call's CDR webhooks to `url` the way TeleCMI does (see
   * `telecmiWebhookPayloads`): both legs of an answered outbound call, one leg otherwise,
   * in the order chosen, each repeated `repeat` times, with live events when asked. Sent
   * one after another; answers in the order sent. TeleCMI (CHUB) calls only.
   */
  async pushWebhook(
    url: string,
    callId: string,
    options: TelecmiWebhookPushOptions = {},
  ): Promise<TelecmiWebhookDelivery[]> {
    const call = this.#calls.find((candidate) => candidate.id === callId);
    if (!call) throw new Error(`no simulated call with id ${callId}`);
    const { cdrs, events } = telecmiWebhookPayloads(call, this.dataSet.accounts);
    const repeat = options.repeat ?? 1;
    const legOrder = cdrs.map((_cdr, index) => index);
    if (options.order === 'b-first') legOrder.reverse();
    let sequence: Record<string, unknown>[] = [];
    for (let round = 0; round < repeat; round++) {
      for (const index of legOrder) {
        if (round === 0 && options.liveEvents) sequence.push(...events[index]!);
        sequence.push(cdrs[index]!);
      }
    }
    if (options.order === 'random')
      sequence = shuffled(
        sequence,
        options.seed === undefined ? Math.random : seededRandom(options.seed),
      );

    const headers: Record<string, string> = {};
    if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const deliveries: TelecmiWebhookDelivery[] = [];
    for (const payload of sequence) {
      let response: Response;
      if (options.method === 'GET') {
        const target = new URL(url);
        for (const [name, value] of Object.entries(payload))
          target.searchParams.set(name, String(value));
        response = await fetch(target, { headers });
      } else {
        response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
      }
      await response.arrayBuffer();
      deliveries.push({ payload, status: response.status });
    }
    return deliveries;
  }

  /** Removes a call, as TeleCMI might while a listing pages through (offset paging then skips one). */
  removeCall(id: string): void {
    this.#calls = this.#calls.filter((call) => call.id !== id);
    this.#listings.clear();
  }

  /**
   * The calls one listing can see, in core's store (by start, searched in O(log n)), cached
   * until calls change: listings cut windows and pages out of it by binary search, so a
   * simulator of a million calls answers a page without scanning them all.
   */
  #listing(
    key: string,
    select: (call: SimulatedTelecmiCall) => boolean,
  ): SimulatedCallStore<SimulatedTelecmiCall> {
    let listing = this.#listings.get(key);
    if (!listing) {
      listing = new SimulatedCallStore();
      // In chunks: spreading hundreds of thousands of arguments overflows the stack.
      const selected = this.#calls.filter(select);
      for (let start = 0; start < selected.length; start += 10_000)
        listing.add(...selected.slice(start, start + 10_000));
      this.#listings.set(key, listing);
    }
    return listing;
  }

  /**
   * From now on these calls are left out of the listings' pages but still counted in the
   * stated total (`count`/`total`), as a provider that claims more than it serves does; an
   * empty list serves them again.
   */
  hideFromListings(ids: Iterable<string>): void {
    this.#hidden = new Set(ids);
  }

  /** A record as served: with the echo text in its free-text fields, when one is set. */
  #served(call: SimulatedTelecmiCall): Record<string, unknown> {
    const echo = this.echo;
    const record = echo
      ? {
          ...call.record,
          name: `${String(call.record.name ?? '')} ${echo}`,
          filename: `${echo}.wav`,
          notes: [{ msg: echo, date: call.time }],
        }
      : call.record;
    const corruption = this.corruptionOf(call.id);
    return corruption ? { ...record, ...corruption } : record;
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    const endpoints = telecmiEndpoints.filter((endpoint) => endpoint.path === request.url.pathname);
    if (request.method !== 'POST' || endpoints.length === 0)
      return { status: 404, body: { code: 404, msg: 'Not found' } };
    const body = request.json();
    if (typeof body !== 'object' || body === null) return missing;
    const fields = body as Record<string, unknown>;
    // One path serves one credential kind; `type` picks among in_cdr/out_cdr's entries.
    const endpoint =
      endpoints.find((candidate) => candidate.fixedParameters?.type === fields.type) ??
      endpoints[0]!;
    const { credentialKind } = endpoint;
    const [fromName, toName] = endpoint.windowParameters;

    let agentId: string | undefined;
    if (credentialKind === 'rest-user' || credentialKind === 'piopiy-agent') {
      if (
        typeof fields.token !== 'string' ||
        !isTimestamp(fields[fromName]) ||
        !isTimestamp(fields[toName])
      )
        return missing;
      if (credentialKind === 'piopiy-agent' && fields.page === undefined) return missing;
      if (credentialKind === 'rest-user' && fields.token !== this.dataSet.accounts.rest.userToken)
        return {
          status: 404,
          body: { code: 404, msg: 'Invalid user token, Failed to authenticate token' },
        };
      if (credentialKind === 'piopiy-agent') {
        agentId = this.dataSet.accounts.piopiy.agents.find(
          (agent) => agent.token === fields.token,
        )?.agentId;
        if (!agentId)
          return {
            status: 404,
            body: { code: 404, msg: 'Invalid agent token, authentication failed' },
          };
      }
    } else {
      const account =
        credentialKind === 'rest-app' ? this.dataSet.accounts.rest : this.dataSet.accounts.piopiy;
      const secret = fields[endpoint.secretParameter];
      if (fields.appid === undefined || typeof secret !== 'string') return missing;
      if (fields.appid !== account.appId || secret !== account.appSecret)
        return {
          status: 404,
          body: { code: 404, msg: 'Invalid app id or secret, authentication failed' },
        };
    }

    // The app endpoints' documented default: the last 24 hours up to now (the data set's end).
    const to = fields[toName] ?? this.dataSet.now;
    const from = fields[fromName] ?? (isTimestamp(to) ? to - dayMs : undefined);
    if (!isTimestamp(from) || !isTimestamp(to)) return missing;
    const page = fields.page ?? 1;
    const limit = fields.limit ?? 10;
    if (
      !Number.isInteger(page) ||
      (page as number) < 1 ||
      !Number.isInteger(limit) ||
      (limit as number) < 1
    )
      return missing;
    if ((limit as number) > endpoint.maxPageSize) return limitTooLarge(endpoint.maxPageSize);

    const key = `${endpoint.path}|${String(fields.type)}|${agentId ?? ''}`;
    const listing = this.#listing(key, (call) => {
      if (agentId !== undefined && call.agentId !== agentId) return false;
      return serves(endpoint, call, fields.type);
    });
    // Newest first: the window's calls (both bounds inclusive) from its newest end down.
    const low = listing.lowerBound(from);
    const high = listing.lowerBound(to + 1);
    const count = high - low;
    const start = ((page as number) - 1) * (limit as number);
    const records: Record<string, unknown>[] = [];
    for (let offset = start; offset < Math.min(start + (limit as number), count); offset++) {
      const call = listing.at(high - 1 - offset)!;
      if (!this.#hidden.has(call.id)) records.push(this.#served(call));
    }
    if (endpoint.totalField === 'total')
      return { status: 200, body: { total: count, cdr: records, code: '200' } };
    return { status: 200, body: { count, cdr: records, code: 200 } };
  }
}
