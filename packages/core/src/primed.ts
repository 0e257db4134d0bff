/** A stream whose first item was asked for before anyone read it. */
export interface PrimedStream<T> extends AsyncIterableIterator<T> {
  /** Ends the stream, started or not, and releases what it holds. */
  return(): Promise<IteratorResult<T, undefined>>;
}

/**
 * Starts a stream now, so that its first item (and the requests behind it) is on its way
 * before the stream is read: listings of several endpoints or providers overlap their
 * first pages instead of waiting for each other. Items still come in the stream's order;
 * `return()` ends the underlying stream even if it was never read.
 */
export function primed<T>(stream: AsyncIterator<T>): PrimedStream<T> {
  let first: Promise<IteratorResult<T>> | undefined = stream.next();
  // A failure is raised when the stream is read, not as an unhandled rejection meanwhile.
  first.catch(() => undefined);
  const primedStream: PrimedStream<T> = {
    next() {
      const pending = first;
      first = undefined;
      return pending ?? stream.next();
    },
    async return() {
      first = undefined;
      await stream.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return primedStream;
    },
  };
  return primedStream;
}
