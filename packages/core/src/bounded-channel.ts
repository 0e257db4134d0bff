import { whenAborted } from './transport/when-aborted.js';

/**
 * A queue between one producer and one consumer that holds at most `capacity` items: the
 * producer's `push` waits while it is full. `close` ends it, `fail` ends it with an error
 * the consumer receives after the items before it. Used to let a producer run ahead of its
 * consumer by a bounded amount (pages of a cursor chain fetched while earlier chains are
 * read).
 */
export class BoundedChannel<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  #ended = false;
  #error: { value: unknown } | undefined;
  #wakeConsumer: (() => void) | undefined;
  #wakeProducer: (() => void) | undefined;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Adds an item, waiting while the channel is full; rejects with the signal's reason on abort. */
  async push(item: T, signal?: AbortSignal): Promise<void> {
    while (this.#items.length >= this.#capacity) {
      signal?.throwIfAborted();
      // One wait at a time on the listing's signal, stopped when it ends (`whenAborted`):
      // a listener added per wait and never removed piled up on a long-lived signal.
      let stopWaiting: (() => void) | undefined;
      await new Promise<void>((resolve) => {
        this.#wakeProducer = resolve;
        if (signal) stopWaiting = whenAborted(signal, () => resolve());
      });
      stopWaiting?.();
    }
    signal?.throwIfAborted();
    this.#items.push(item);
    this.#wake();
  }

  close(): void {
    this.#ended = true;
    this.#wake();
  }

  fail(error: unknown): void {
    this.#error = { value: error };
    this.#ended = true;
    this.#wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.#items.length > 0) {
        const item = this.#items.shift()!;
        this.#wakeProducer?.();
        this.#wakeProducer = undefined;
        yield item;
        continue;
      }
      if (this.#ended) {
        if (this.#error) throw this.#error.value;
        return;
      }
      await new Promise<void>((resolve) => {
        this.#wakeConsumer = resolve;
      });
    }
  }

  #wake(): void {
    this.#wakeConsumer?.();
    this.#wakeConsumer = undefined;
  }
}
