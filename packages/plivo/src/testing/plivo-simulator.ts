import {
  ApiSimulator,
  type ApiSimulatorOptions,
  hex,
  indianMobile,
  integer,
  type SimulatorAnswer,
  type SimulatorRequest,
  seededRandom,
} from '@cdr/core/testing';

export interface PlivoSimulatorOptions extends ApiSimulatorOptions {
  seed?: number;
  /** How many calls. Default 200. */
  calls?: number;
  /** Spread over this many days before `now`. Default 3. */
  days?: number;
  /** The end of the data set, epoch ms. Default: the start of the current UTC hour. */
  now?: number;
}

export interface SimulatedPlivoCall {
  id: string;
  time: number;
  direction: 'inbound' | 'outbound';
  status: 'answered' | 'missed';
  /** The record exactly as the API returns it. */
  record: Record<string, unknown>;
}

/**
 * Plivo's API on 127.0.0.1, for tests and the demo, over a seeded data set. `ApiSimulator`
 * gives the server, latency, faults, echoing records and `/__truth`: this class is the
 * API's routes and data.
 *
 * TODO(plivo): serve the endpoints as the docs describe them: credentials, window filtering,
 * pages and their limits, every documented error answer, the provider's own field formats
 * and its rate limit. `calls()` is the ground truth the conformance kit compares against.
 */
export class PlivoSimulator extends ApiSimulator {
  readonly apiKey: string;
  readonly now: number;
  readonly #calls: SimulatedPlivoCall[] = [];

  private constructor(options: PlivoSimulatorOptions) {
    super(options);
    const random = seededRandom(options.seed ?? 1);
    this.apiKey = `plivo-key-${hex(random, 24)}`;
    this.now = options.now ?? Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const span = (options.days ?? 3) * 86_400_000;
    for (let index = 0; index < (options.calls ?? 200); index++) {
      const time = this.now - Math.floor(random() * span);
      const id = hex(random, 24);
      const direction = random() < 0.5 ? 'inbound' : 'outbound';
      const status = random() < 0.7 ? 'answered' : 'missed';
      this.#calls.push({
        id,
        time,
        direction,
        status,
        record: {
          id,
          startedAt: time,
          direction,
          status,
          from: `+91${indianMobile(random)}`,
          to: `+91${indianMobile(random)}`,
          durationSeconds: status === 'answered' ? integer(random, 1, 900) : 0,
        },
      });
    }
  }

  /** Starts a simulator on a free port of 127.0.0.1. */
  static async start(options: PlivoSimulatorOptions = {}): Promise<PlivoSimulator> {
    const simulator = new PlivoSimulator(options);
    await simulator.listen();
    return simulator;
  }

  protected rateLimitedAnswer(): SimulatorAnswer {
    return { status: 429, headers: { 'retry-after': '0' }, body: { error: 'rate limited' } };
  }

  /** Ground truth: the calls within a window (inclusive) and filter, or all of them. */
  calls(
    window?: { from: Date; to: Date },
    filter: { direction?: string | undefined; status?: string | undefined } = {},
  ): SimulatedPlivoCall[] {
    return this.#calls.filter(
      (call) =>
        (!window || (call.time >= window.from.getTime() && call.time <= window.to.getTime())) &&
        (filter.direction === undefined || call.direction === filter.direction) &&
        (filter.status === undefined || call.status === filter.status),
    );
  }

  protected route(request: SimulatorRequest): SimulatorAnswer {
    // TODO(plivo): answer as the API does (serving records with `this.echo` in their
    // free-text fields when set); until then every request says what is missing.
    return {
      status: 501,
      body: {
        error: `PlivoSimulator does not serve ${request.method} ${request.url.pathname} yet: implement src/testing/plivo-simulator.ts`,
      },
    };
  }
}
