import { whenAborted } from '../transport/when-aborted.js';

/**
 * A priority for a request waiting for a slot: compared element by element, lower first.
 * A provider uses `[listing, source, page]`: the oldest listing first (so a listing started
 * ahead — the sync's next slice — never slows the one being consumed), then the endpoint
 * being read, then its pages in order.
 */
export type RequestPriority = readonly number[];

interface Waiter {
  priority: RequestPriority;
  sequence: number;
  grant: () => void;
}

function compare(a: Waiter, b: Waiter): number {
  const length = Math.max(a.priority.length, b.priority.length);
  for (let index = 0; index < length; index++) {
    const difference = (a.priority[index] ?? 0) - (b.priority[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.sequence - b.sequence;
}

/**
 * At most `slots` requests in flight for one provider instance, whichever listings,
 * endpoints and pages they belong to; a freed slot goes to the waiting request with the
 * lowest priority. This is what lets several listings (every endpoint of a credential, the
 * next slices of a sync) overlap their requests without exceeding the concurrency the user
 * set.
 */
export class RequestPool {
  readonly slots: number;
  #running = 0;
  #sequence = 0;
  // Few waiters at a time (bounded by the listings' prefetch): a sorted array is enough.
  readonly #waiting: Waiter[] = [];

  constructor(slots: number) {
    if (!Number.isInteger(slots) || slots < 1)
      throw new RangeError(`a request pool needs at least one slot, got ${slots}`);
    this.slots = slots;
  }

  /** Requests running now. */
  get running(): number {
    return this.#running;
  }

  /**
   * Runs `task` once a slot is free, with the given priority. Rejects with the signal's
   * reason if it aborts while waiting (no slot is taken); a running task gets the signal
   * itself.
   */
  async run<T>(
    priority: RequestPriority,
    task: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    signal?.throwIfAborted();
    if (this.#running >= this.slots || this.#waiting.length > 0) {
      await this.#wait(priority, signal);
    } else {
      this.#running++;
    }
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #wait(priority: RequestPriority, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // `whenAborted`, not a listener per waiting request on the listing's long-lived
      // signal: removed listeners keep each other alive in V8's old generation.
      let stopWaiting: (() => void) | undefined;
      const waiter: Waiter = {
        priority,
        sequence: this.#sequence++,
        grant: () => {
          stopWaiting?.();
          resolve();
        },
      };
      const onAbort = (reason: unknown) => {
        const index = this.#waiting.indexOf(waiter);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(reason);
      };
      let index = this.#waiting.length;
      while (index > 0 && compare(this.#waiting[index - 1]!, waiter) > 0) index--;
      this.#waiting.splice(index, 0, waiter);
      // After the waiter is queued, so that an abort already signalled takes it out again.
      if (signal) stopWaiting = whenAborted(signal, onAbort);
      this.#drain();
    });
  }

  #release(): void {
    this.#running--;
    this.#drain();
  }

  #drain(): void {
    while (this.#running < this.slots && this.#waiting.length > 0) {
      this.#running++;
      this.#waiting.shift()!.grant();
    }
  }
}
