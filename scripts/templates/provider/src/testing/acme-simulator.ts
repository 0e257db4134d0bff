import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FaultInjector,
  type FaultKind,
  hex,
  indianMobile,
  integer,
  seededRandom,
  startTestServer,
} from '@cdr/core/testing';

export interface AcmeSimulatorOptions {
  seed?: number;
  /** How many calls. Default 200. */
  calls?: number;
  /** Spread over this many days before `now`. Default 3. */
  days?: number;
  /** The end of the data set, epoch ms. Default: the start of the current UTC hour. */
  now?: number;
  /** Delay before every answer, in ms. Default 0. */
  latencyMs?: number;
  /** Probability of a random fault on any request. Default 0. */
  faultRate?: number;
}

export interface SimulatedAcmeCall {
  id: string;
  time: number;
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

/**
 * Acme's API on 127.0.0.1, for tests and the demo, over a seeded data set.
 *
 * TODO(acme): serve the endpoints as the docs describe them: credentials, window filtering,
 * pages and their limits, every documented error answer, the provider's own field formats
 * and its rate limit. `calls()` is the ground truth the conformance kit compares against.
 */
export class AcmeSimulator {
  readonly apiKey: string;
  readonly now: number;
  readonly faults: FaultInjector;
  latencyMs: number;
  readonly #calls: SimulatedAcmeCall[] = [];
  #server: Awaited<ReturnType<typeof startTestServer>> | undefined;

  private constructor(options: AcmeSimulatorOptions) {
    const random = seededRandom(options.seed ?? 1);
    this.apiKey = `acme-key-${hex(random, 24)}`;
    this.now = options.now ?? Math.floor(Date.now() / 3_600_000) * 3_600_000;
    this.latencyMs = options.latencyMs ?? 0;
    this.faults = new FaultInjector({
      faultRate: options.faultRate ?? 0,
      rateLimited: (response) => {
        response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'rate limited' }));
      },
    });
    const span = (options.days ?? 3) * 86_400_000;
    for (let index = 0; index < (options.calls ?? 200); index++) {
      const time = this.now - Math.floor(random() * span);
      const id = hex(random, 24);
      this.#calls.push({
        id,
        time,
        record: {
          id,
          startedAt: time,
          from: `+91${indianMobile(random)}`,
          to: `+91${indianMobile(random)}`,
          durationSeconds: integer(random, 0, 900),
        },
      });
    }
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: AcmeSimulatorOptions = {}): Promise<AcmeSimulator> {
    const simulator = new AcmeSimulator(options);
    simulator.#server = await startTestServer((request, response) =>
      simulator.#handle(request, response),
    );
    return simulator;
  }

  get url(): string {
    return this.#server!.url;
  }

  get requestCount(): number {
    return this.#server?.requestCount ?? 0;
  }

  /** Ground truth: the calls within a window (inclusive), or all of them. */
  calls(window?: { from: Date; to: Date }): SimulatedAcmeCall[] {
    return this.#calls.filter(
      (call) => !window || (call.time >= window.from.getTime() && call.time <= window.to.getTime()),
    );
  }

  injectFault(kind: FaultKind, count = 1): void {
    this.faults.inject(kind, count);
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (await this.faults.apply(response)) return;
    // TODO(acme): answer as the API does; until then every request says what is missing.
    response.writeHead(501, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: `AcmeSimulator does not serve ${request.method} ${request.url?.split('?')[0]} yet: implement src/testing/acme-simulator.ts`,
      }),
    );
  }
}
