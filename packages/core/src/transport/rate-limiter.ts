import { z } from 'zod';
import {
  functionOption,
  integerOption,
  nonNegativeOption,
  parseOptions,
  positiveOption,
} from '../options/parse-options.js';
import { sleep } from './sleep.js';

const rateLimiterOptionsSchema = z.strictObject({
  limit: integerOption(1, 1_000_000),
  intervalMs: positiveOption('duration in ms'),
  safetyMarginMs: nonNegativeOption('duration in ms').optional(),
  now: functionOption<() => number>().optional(),
});

export interface RateLimiterOptions {
  /** Requests allowed in any window of `intervalMs`. */
  limit: number;
  intervalMs: number;
  /**
   * Added to the interval, so that requests granted exactly one interval apart on this
   * side do not land in the same window on the provider's. Default 0.
   */
  safetyMarginMs?: number;
  /** The clock, injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * At most `limit` requests in any sliding window of `intervalMs`, granted first come first
 * served. One limiter can be shared by several provider instances of one account, so that
 * together they stay within the account's budget.
 *
 * A sliding window is stricter than the fixed windows many providers count in, so keeping
 * to it also keeps to theirs.
 */
export class RateLimiter {
  readonly limit: number;
  readonly intervalMs: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  // Grant times of the last `limit` requests, oldest first.
  readonly #grants: number[] = [];
  #pausedUntil = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(settings: RateLimiterOptions) {
    const options = parseOptions(rateLimiterOptionsSchema, settings, {
      what: 'rate limit',
    });
    this.limit = options.limit;
    this.intervalMs = options.intervalMs;
    this.#windowMs = options.intervalMs + (options.safetyMarginMs ?? 0);
    this.#now = options.now ?? Date.now;
  }

  /**
   * Waits for a free slot and takes it. Resolves with the time waited, in milliseconds;
   * rejects with the signal's reason if it aborts first (the slot is not taken).
   */
  acquire(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<number> {
    const turn = this.#queue.then(() => this.#take(signal, onWait));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Grants nothing until `ms` from now: the provider said it is rate limiting us. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  /** Milliseconds until a request could be granted, 0 when one could be now. */
  delayUntilFree(): number {
    const now = this.#now();
    const pause = this.#pausedUntil - now;
    const oldest = this.#grants.length < this.limit ? undefined : this.#grants[0];
    const window = oldest === undefined ? 0 : oldest + this.#windowMs - now;
    return Math.max(0, pause, window);
  }

  async #take(
    signal: AbortSignal | undefined,
    onWait: ((waitMs: number) => void) | undefined,
  ): Promise<number> {
    let waited = 0;
    for (;;) {
      signal?.throwIfAborted();
      const delay = this.delayUntilFree();
      if (delay === 0) break;
      onWait?.(delay);
      await sleep(delay, signal);
      waited += delay;
    }
    this.#grants.push(this.#now());
    if (this.#grants.length > this.limit) this.#grants.shift();
    return waited;
  }
}
