import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector, type FaultKind } from './fault-injector.js';
import { startTestServer, type TestServer } from './test-server.js';

/** A request as a simulator's routes see it: the body read, the URL parsed. */
export interface SimulatorRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  body: string;
  /** The body as JSON, or `undefined` when it is empty or not JSON. */
  json(): unknown;
  /** The body as a form (`application/x-www-form-urlencoded`). */
  form(): URLSearchParams;
}

/** What a route answers: a status, a body (JSON unless it is a string), headers. */
export interface SimulatorAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiSimulatorOptions {
  /** Delay before every answer, in ms. Default 0. */
  latencyMs?: number;
  /** Probability of a random fault on any request. Default 0. */
  faultRate?: number;
  /** The faults `faultRate` draws from. Default: 5xx, connection reset, truncated body. */
  faultKinds?: readonly FaultKind[];
  /** The delay of a `slow-headers` fault, in ms. Default 2 s. */
  slowMs?: number;
  /** The random source of `faultRate`. Default `Math.random`. */
  random?: () => number;
}

/**
 * The part every API simulator shares, so that a simulator is its API's routes and
 * nothing else: a real HTTP server on 127.0.0.1 (a free port), latency, injected and
 * random faults (the transport's `FaultKind`s, the provider's own rate-limit answer among
 * them), a request count, records that echo a text (for the conformance kit's secret
 * checks), calls that arrive during a listing (`onRequest`), and `GET /__truth`, the
 * ground truth as JSON for tests that run in another process.
 */
export abstract class ApiSimulator {
  readonly faults: FaultInjector;
  latencyMs: number;
  /**
   * Called before each request is answered, with its number from 1 and what it asks for:
   * add late calls here, or remove one between two pages of a listing, or look at the
   * headers a client sends (its User-Agent).
   */
  onRequest:
    | ((
        requestNumber: number,
        request: { method: string; url: URL; body: string; headers: IncomingHttpHeaders },
      ) => void)
    | undefined;
  #server: TestServer | undefined;
  #requests = 0;
  #inFlight = 0;
  #peakInFlight = 0;
  #echo = '';
  readonly #corrupted = new Map<string, Record<string, unknown>>();

  protected constructor(options: ApiSimulatorOptions) {
    this.latencyMs = options.latencyMs ?? 0;
    this.faults = new FaultInjector({
      faultRate: options.faultRate ?? 0,
      ...(options.random ? { random: options.random } : {}),
      ...(options.faultKinds ? { randomKinds: options.faultKinds } : {}),
      ...(options.slowMs !== undefined ? { slowMs: options.slowMs } : {}),
      rateLimited: (response) => this.#send(response, this.rateLimitedAnswer()),
    });
  }

  /** The provider's own answer when it rate-limits a client (a 429, or an error in a 200). */
  protected abstract rateLimitedAnswer(): SimulatorAnswer;

  /** Answers a request that passed latency and faults. */
  protected abstract route(request: SimulatorRequest): SimulatorAnswer | Promise<SimulatorAnswer>;

  /** The ground truth served at `GET /__truth` (query parameters as given); `undefined`: none. */
  protected truth(_query: URLSearchParams): unknown {
    return undefined;
  }

  /** Starts listening on a free port of 127.0.0.1. Subclasses' `start` calls it. */
  protected async listen(): Promise<void> {
    this.#server = await startTestServer((request, response, body) =>
      this.#handle(request, response, body),
    );
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    if (!this.#server) throw new Error('the simulator is not listening');
    return this.#server.url;
  }

  /** API requests received so far (ground-truth requests excluded). */
  get requestCount(): number {
    return this.#requests;
  }

  /**
   * The most API requests this simulator was answering at once, from their arrival to the
   * end of their answer: what a client's `concurrency` allowed. `resetPeakInFlight` starts
   * counting again.
   */
  get peakInFlight(): number {
    return this.#peakInFlight;
  }

  resetPeakInFlight(): void {
    this.#peakInFlight = this.#inFlight;
  }

  /** The text records echo (see `echoInRecords`); empty when none. */
  protected get echo(): string {
    return this.#echo;
  }

  /**
   * From now on, records carry `text` in their free-text fields (names, notes, recording
   * URLs), as a provider that echoes what it was sent would; `''` stops it.
   */
  echoInRecords(text: string): void {
    this.#echo = text;
  }

  /**
   * From now on, the record of call `id` is served with `fields` changed, as a provider that
   * sends a record that cannot be trusted would (an end before its start, a duration that
   * is no number): for tests of the listings' quarantine. Each simulator applies it where it
   * writes a record.
   */
  corruptRecord(id: string, fields: Readonly<Record<string, unknown>>): void {
    this.#corrupted.set(id, { ...this.#corrupted.get(id), ...fields });
  }

  /** The fields call `id`'s record is served with changed (see `corruptRecord`), if any. */
  protected corruptionOf(id: string): Readonly<Record<string, unknown>> | undefined {
    return this.#corrupted.get(id);
  }

  /** The next `count` requests get this fault. */
  injectFault(kind: FaultKind, count = 1): void {
    this.faults.inject(kind, count);
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  #send(response: ServerResponse, answer: SimulatorAnswer): void {
    const text =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      ...(typeof answer.body === 'string' ? {} : { 'content-type': 'application/json' }),
      ...answer.headers,
    });
    response.end(text);
  }

  async #handle(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    if (request.method === 'GET' && url.pathname === '/__truth') {
      const truth = this.truth(url.searchParams);
      return this.#send(
        response,
        truth === undefined
          ? { status: 404, body: { error: 'no ground truth' } }
          : { status: 200, body: truth },
      );
    }
    const number = ++this.#requests;
    this.#inFlight++;
    this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
    response.once('close', () => this.#inFlight--);
    this.onRequest?.(number, {
      method: request.method ?? 'GET',
      url,
      body,
      headers: request.headers,
    });
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const faulted = await this.faults.apply(response, {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
    });
    if (faulted) return;
    let parsed: { value: unknown } | undefined;
    const simulatorRequest: SimulatorRequest = {
      method: request.method ?? 'GET',
      url,
      headers: request.headers,
      body,
      json: () => {
        if (!parsed) {
          try {
            parsed = { value: body ? JSON.parse(body) : undefined };
          } catch {
            parsed = { value: undefined };
          }
        }
        return parsed.value;
      },
      form: () => new URLSearchParams(body),
    };
    this.#send(response, await this.route(simulatorRequest));
  }
}
