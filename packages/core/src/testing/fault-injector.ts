import type { ServerResponse } from 'node:http';

/**
 * Faults a simulator can be told to produce:
 * - `server-error`: a 503 with a JSON body;
 * - `connection-reset`: the socket is destroyed before any answer;
 * - `malformed-json`: a 200 whose body is cut-off JSON;
 * - `truncated-body`: the headers promise more bytes than arrive before the socket closes;
 * - `slow-headers`: the answer comes only after `slowMs`;
 * - `rate-limited`: the provider's own rate-limit answer;
 * - `echo-request`: a 500 whose JSON body quotes the whole request — URL, headers, body —
 *   as servers that echo what they could not handle do: every credential the request
 *   carried arrives JSON-escaped, and must not reach an error.
 *
 * The bodies are neutral JSON, not any provider's shape: a fault must be caught by the
 * transport whatever the provider.
 */
export type FaultKind =
  | 'server-error'
  | 'connection-reset'
  | 'malformed-json'
  | 'truncated-body'
  | 'slow-headers'
  | 'rate-limited'
  | 'echo-request';

/** The request a fault answers, for faults that quote it. */
export interface FaultedRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers?: Readonly<Record<string, string | string[] | undefined>>;
  body?: string | undefined;
}

export interface FaultInjectorOptions {
  /** Writes the provider's rate-limit answer (a 429, or an error in a 200 body). */
  rateLimited: (response: ServerResponse) => void;
  /** The delay of a `slow-headers` fault. Default 2 s. */
  slowMs?: number;
  /**
   * Answers every request with a fault at this probability (0 to 1) on top of queued
   * faults, drawn from `randomKinds`. Default 0.
   */
  faultRate?: number;
  randomKinds?: readonly FaultKind[];
  /** The random source of `faultRate`, seedable for repeatable runs. Default `Math.random`. */
  random?: () => number;
}

/**
 * Queues faults for the next requests and produces them. A simulator calls `apply` first
 * for each request; when it returns true the request has been answered with a fault.
 */
export class FaultInjector {
  readonly #queue: FaultKind[] = [];
  readonly #options: FaultInjectorOptions;
  #faultRate: number;
  /** Faults produced so far, by kind. */
  readonly produced = new Map<FaultKind, number>();

  constructor(options: FaultInjectorOptions) {
    this.#options = options;
    this.#faultRate = options.faultRate ?? 0;
  }

  /** The next `count` requests get this fault. */
  inject(kind: FaultKind, count = 1): void {
    for (let index = 0; index < count; index++) this.#queue.push(kind);
  }

  /** Sets the probability of a random fault on every request. */
  setFaultRate(rate: number): void {
    this.#faultRate = rate;
  }

  clear(): void {
    this.#queue.length = 0;
    this.#faultRate = 0;
  }

  /** Produces the next fault, if any; true when the response has been handled. */
  async apply(response: ServerResponse, request: FaultedRequest = {}): Promise<boolean> {
    let kind = this.#queue.shift();
    if (!kind && this.#faultRate > 0) {
      const random = this.#options.random ?? Math.random;
      const kinds = this.#options.randomKinds ?? [
        'server-error',
        'connection-reset',
        'truncated-body',
      ];
      if (random() < this.#faultRate) kind = kinds[Math.floor(random() * kinds.length)];
    }
    if (!kind) return false;
    this.produced.set(kind, (this.produced.get(kind) ?? 0) + 1);
    switch (kind) {
      case 'server-error':
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'Service temporarily unavailable' }));
        return true;
      case 'connection-reset':
        response.socket?.destroy();
        return true;
      case 'malformed-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"data":[{"id":');
        return true;
      case 'truncated-body':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        response.write('{"data":[');
        setTimeout(() => response.socket?.destroy(), 5);
        return true;
      case 'slow-headers':
        await new Promise((resolve) => setTimeout(resolve, this.#options.slowMs ?? 2000));
        return false;
      case 'rate-limited':
        this.#options.rateLimited(response);
        return true;
      case 'echo-request':
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: 'could not handle this request',
            request: {
              method: request.method,
              url: request.url,
              headers: request.headers,
              body: request.body,
            },
          }),
        );
        return true;
    }
  }
}
