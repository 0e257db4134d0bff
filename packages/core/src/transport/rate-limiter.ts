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
  /**
   * The clock its windows are kept on, injectable for tests. Default `performance.now`: a
   * monotonic clock, so that the machine's time set back (an NTP step, an operator) cannot
   * hold every grant for as long, nor set forward release a burst.
   */
  now?: () => number;
}

/** A slot taken with `take`: it counts against the budget until a window after `settle()`. */
export interface RateLimitSlot {
  /** How long the slot was waited for, in milliseconds. */
  readonly waitedMs: number;
  /** The request has been answered: its window starts now. Idempotent (with `abandon`). */
  settle(): void;
  /**
   * The request was given up without an answer (aborted, timed out, its connection lost):
   * it may still reach the provider, a little later, so the slot counts a window longer
   * than a settled one. Idempotent (with `settle`).
   */
  abandon(): void;
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
 * costs a round trip per window instead of a guessed margin, and a slow answer holds its
 * slot (of a limiter shared by several providers too) until it comes. A request given up
 * without an answer may still arrive: its slot counts a window longer (`abandon`).
 * `acquire` counts a window from the grant, for callers that cannot say when they were
 * answered. A waiter whose signal aborts leaves the line at once.
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
  /** When the settled slots' windows start (their answer), earliest first. */
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
    this.#now = options.now ?? (() => performance.now());
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
   * Waits for a free slot and takes it: held until `settle()` (the request was answered)
   * or `abandon()` (it was given up without an answer), one of which must follow. Rejects
   * with the signal's reason if it aborts first, even while waiting in line (no slot is
   * taken).
   */
  take(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<RateLimitSlot> {
    const turn = this.#queue.then(() => this.#take(signal, onWait));
    this.#queue = turn.catch(() => undefined);
    if (!signal) return turn;
    // Waiting in line behind others (who may wait for an answer), a request still gives up
    // as soon as its own signal aborts; a slot granted after that is given back at once.
    return new Promise((resolve, reject) => {
      let gaveUp = false;
      const onAbort = () => {
        gaveUp = true;
        reject(signal.reason);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      turn.then(
        (slot) => {
          signal.removeEventListener('abort', onAbort);
          if (gaveUp) slot.settle();
          else resolve(slot);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
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
        const waitedForAnswer = Math.max(0, this.#now() - startedAt);
        onWait?.(waitedForAnswer);
        waited += waitedForAnswer;
      } else {
        onWait?.(delay);
        await sleep(delay, signal);
        waited += delay;
      }
    }
    this.#inFlight++;
    let settled = false;
    const settleAt = (windowStart: number) => {
      if (settled) return;
      settled = true;
      this.#inFlight--;
      // In order: an abandoned slot's window may start after later answers'.
      const times = this.#settledAt;
      let index = times.length;
      while (index > 0 && times[index - 1]! > windowStart) index--;
      times.splice(index, 0, windowStart);
      const wake = this.#onSettle;
      this.#onSettle = undefined;
      wake?.();
    };
    return {
      waitedMs: waited,
      settle: () => settleAt(this.#now()),
      abandon: () => settleAt(this.#now() + this.#windowMs),
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
