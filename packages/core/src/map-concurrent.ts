/**
 * Applies `map` to every item of a (sync or async) iterable with at most `concurrency`
 * calls in flight, yielding results in input order. Input is pulled lazily, so memory
 * stays bounded for any input size; leaving the loop early stops pulling and aborts the
 * signal passed to the calls still running.
 */
export async function* mapConcurrent<Input, Output>(
  items: Iterable<Input> | AsyncIterable<Input>,
  map: (item: Input, signal: AbortSignal) => Promise<Output>,
  options: { concurrency?: number; signal?: AbortSignal | undefined } = {},
): AsyncGenerator<Output, void, undefined> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const iterator =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const running: Promise<Output>[] = [];
  let exhausted = false;

  const pull = async () => {
    while (!exhausted && running.length < concurrency) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const promise = map(next.value, signal);
      promise.catch(() => undefined);
      running.push(promise);
    }
  };

  try {
    await pull();
    while (running.length > 0) {
      signal.throwIfAborted();
      const result = await running.shift()!;
      await pull();
      yield result;
    }
  } finally {
    controller.abort();
    if (!exhausted) await iterator.return?.();
  }
}
