/**
 * One `abort` listener per signal, shared by everything that waits on it, in slots that
 * are reused: for the many short waits (a request, a queued request) on one long-lived
 * signal (a listing's, a sync's).
 *
 * Why not `signal.addEventListener` per wait, removed after: Node keeps an EventTarget's
 * listeners in a linked list and a removed listener keeps its links and its callback. Once
 * one removed listener sits dead in V8's old generation, it keeps the next one alive
 * through every young-generation collection, and that one the next: every request's
 * closure (its controller, its body) was promoted and died in old space, and peak RSS
 * grew with the number of requests (BENCHMARKS.md, B3). Slots in an array hold only the
 * waits in progress.
 */
class AbortWaiters {
  readonly #callbacks: (((reason: unknown) => void) | undefined)[] = [];
  readonly #free: number[] = [];

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.#fire(signal.reason), { once: true });
  }

  add(callback: (reason: unknown) => void): number {
    const slot = this.#free.pop() ?? this.#callbacks.length;
    this.#callbacks[slot] = callback;
    return slot;
  }

  /** Frees the slot if it still holds `callback` (a second call, after reuse, does nothing). */
  remove(slot: number, callback: (reason: unknown) => void): void {
    if (this.#callbacks[slot] !== callback) return;
    this.#callbacks[slot] = undefined;
    this.#free.push(slot);
  }

  #fire(reason: unknown): void {
    for (const [slot, callback] of this.#callbacks.entries()) {
      if (!callback) continue;
      this.remove(slot, callback);
      callback(reason);
    }
  }
}

const waitersBySignal = new WeakMap<AbortSignal, AbortWaiters>();

/**
 * Calls `callback` with the signal's reason when it aborts (at once if it already has);
 * the returned function stops waiting. Cheap to call for every request of a listing.
 */
export function whenAborted(signal: AbortSignal, callback: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    callback(signal.reason);
    return () => undefined;
  }
  let waiters = waitersBySignal.get(signal);
  if (!waiters) {
    waiters = new AbortWaiters(signal);
    waitersBySignal.set(signal, waiters);
  }
  const slot = waiters.add(callback);
  const owner = waiters;
  return () => owner.remove(slot, callback);
}
