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
   * Added to the interval, for what counting from the answer cannot cover (a provider
   * whose clock or windows are coarser than ours). Default 0.
   */
  safetyMarginMs?: number;
  /** The clock, injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/** A slot taken with `take`: it counts against the budget until a window after `settle()`. */
export interface RateLimitSlot {
  /** How long the slot was waited for, in milliseconds. */
  readonly waitedMs: number;
  /** The request has been answered (or given up): its window starts now. Idempotent. */
  settle(): void;
}

/**
 * At most `limit` requests in any sliding window of `intervalMs` as the provider counts
 * them, granted first come first served. One limiter can be shared by several provider
 * instances of one account, so that together they stay within the account's budget.
 *
 * The provider counts a request when it arrives, which is after it left and before its
 * answer came back. So a slot taken with `take` counts from its grant until a window after
 * its answer (`settle`): a request is granted only while fewer than `limit` others are in
 * flight or were answered within the last window, and then no `limit + 1` of them can
 * reach the provider within one window, however late the network delivers each. That
 * costs a round trip per window instead of a guessed margin. `acquire` counts a window
 * from the grant, for callers that cannot say when they were answered.
 *
 * A sliding window is stricter than the fixed windows many providers count in, so keeping
 * to it also keeps to theirs.
 */
export class RateLimiter {
  readonly limit: number;
  readonly intervalMs: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Slots granted and not yet settled. */
  #inFlight = 0;
  /** When the settled slots still inside a window were settled, oldest first. */
  readonly #settledAt: number[] = [];
  /** Wakes the one waiter (grants are taken in turn) when every busy slot was in flight. */
  #onSettle: (() => void) | undefined;
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
   * Waits for a free slot and takes it, its window starting at once. Resolves with the time
   * waited, in milliseconds; rejects with the signal's reason if it aborts first (the slot
   * is not taken).
   */
  async acquire(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<number> {
    const slot = await this.take(signal, onWait);
    slot.settle();
    return slot.waitedMs;
  }

  /**
   * Waits for a free slot and takes it until `settle()` (call it once the request is
   * answered or has failed; the slot is held until then). Rejects with the signal's reason
   * if it aborts first (the slot is not taken).
   */
  take(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<RateLimitSlot> {
    const turn = this.#queue.then(() => this.#take(signal, onWait));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Grants nothing until `ms` from now: the provider said it is rate limiting us. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  /**
   * Milliseconds until a request could be granted, 0 when one could be now; `Infinity`
   * while every slot is held by a request in flight (one frees a window after its answer).
   */
  delayUntilFree(): number {
    const now = this.#now();
    const settled = this.#settledAt;
    while (settled.length > 0 && settled[0]! + this.#windowMs <= now) settled.shift();
    const pause = Math.max(0, this.#pausedUntil - now);
    // Slots to free before one is: the oldest settled ones leave the window first.
    const excess = this.#inFlight + settled.length - this.limit;
    if (excess < 0) return pause;
    if (excess >= settled.length) return Number.POSITIVE_INFINITY;
    return Math.max(pause, settled[excess]! + this.#windowMs - now);
  }

  async #take(
    signal: AbortSignal | undefined,
    onWait: ((waitMs: number) => void) | undefined,
  ): Promise<RateLimitSlot> {
    let waited = 0;
    for (;;) {
      signal?.throwIfAborted();
      const delay = this.delayUntilFree();
      if (delay === 0) break;
      if (delay === Number.POSITIVE_INFINITY) {
        const startedAt = this.#now();
        await this.#settlement(signal);
        waited += Math.max(0, this.#now() - startedAt);
      } else {
        onWait?.(delay);
        await sleep(delay, signal);
        waited += delay;
      }
    }
    this.#inFlight++;
    let settled = false;
    return {
      waitedMs: waited,
      settle: () => {
        if (settled) return;
        settled = true;
        this.#inFlight--;
        this.#settledAt.push(this.#now());
        const wake = this.#onSettle;
        this.#onSettle = undefined;
        wake?.();
      },
    };
  }

  /** Resolves when a slot in flight is settled; rejects with the signal's reason first if it aborts. */
  #settlement(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#onSettle = undefined;
        reject(signal?.reason);
      };
      this.#onSettle = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
