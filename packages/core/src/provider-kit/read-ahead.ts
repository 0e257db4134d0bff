import { BoundedChannel } from '../bounded-channel.js';
import type { PrimedStream } from '../primed.js';

/**
 * Reads a stream in the background into a buffer of at most `capacity` items, so that it
 * keeps going while the consumer is busy with another: a listing's later endpoints fetch
 * their pages in the request pool's free slots while an earlier endpoint is read, instead
 * of starting when its turn comes (the pool serves the earlier endpoint first). Items come
 * in the stream's order; the first failure is raised after the items before it.
 * `return()` stops the reading (the listing's `signal` must be aborted first, so that a
 * read under way ends) and ends the stream.
 */
export function readAhead<T>(
  stream: AsyncIterator<T>,
  capacity: number,
  signal: AbortSignal,
): PrimedStream<T> {
  const channel = new BoundedChannel<T>(capacity);
  const pump = (async () => {
    try {
      for (;;) {
        const result = await stream.next();
        if (result.done) break;
        await channel.push(result.value, signal);
      }
      channel.close();
    } catch (error) {
      channel.fail(error);
    }
  })();
  const items = channel[Symbol.asyncIterator]();
  const readStream: PrimedStream<T> = {
    next: () => items.next() as Promise<IteratorResult<T>>,
    async return() {
      await pump;
      await stream.return?.();
      await items.return(undefined);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return readStream;
    },
  };
  return readStream;
}
