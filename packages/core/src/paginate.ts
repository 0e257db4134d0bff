export interface Page<T> {
  items: readonly T[];
  /** The provider's count of all items in the query, as this page reported it. */
  total: number;
}

export interface PaginateOptions<T> {
  /** Fetches one page, numbered from 1. */
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<T>>;
  /** Items per page, as requested from the provider; page count = ceil(total / pageSize). */
  pageSize: number;
  /** Pages in flight at once, after the first. Default 4. */
  concurrency?: number;
  /** The identity used to drop duplicates; without it nothing is dropped. */
  getId?: (item: T) => string;
  /**
   * How many recent ids are remembered for de-duplication. Duplicates come from records
   * shifting across page boundaries while pages are fetched, so they sit close together;
   * a bounded memory keeps a run of millions of calls in constant space. Default 50,000.
   */
  dedupeWindow?: number;
  signal?: AbortSignal | undefined;
}

/** Remembers the most recent `capacity` ids. */
class RecentIds {
  readonly #ids = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity)
      this.#ids.delete(this.#ids.values().next().value as string);
    return true;
  }
}

/**
 * Streams every item of a paged query, in page order.
 *
 * Page 1 comes first and tells the total; the remaining pages are fetched with at most
 * `concurrency` in flight, and at most that many held ahead of the consumer, so memory
 * stays bounded however large the result. When a later page reports a larger total (calls
 * arrived during the listing) the extra pages are fetched too. Leaving the `for await`
 * early aborts requests in flight and sends no more.
 */
export async function* paginate<T>(
  options: PaginateOptions<T>,
): AsyncGenerator<T, void, undefined> {
  const { fetchPage, pageSize, getId } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const seen = getId ? new RecentIds(options.dedupeWindow ?? 50_000) : undefined;

  const pending = new Map<number, Promise<Page<T>>>();
  let pageCount = 1;
  let nextToStart = 2;

  const start = (page: number) => {
    const promise = fetchPage(page, signal);
    // A prefetched page may fail while an earlier one is being consumed; the failure is
    // raised when its turn comes, not as an unhandled rejection.
    promise.catch(() => undefined);
    pending.set(page, promise);
  };
  const fill = (current: number) => {
    while (nextToStart <= pageCount && nextToStart <= current + concurrency) start(nextToStart++);
  };

  try {
    for (let page = 1; page <= pageCount; page++) {
      signal.throwIfAborted();
      if (page === 1) start(1);
      const result = await pending.get(page)!;
      pending.delete(page);
      pageCount = Math.max(pageCount, Math.ceil(result.total / pageSize));
      fill(page);
      for (const item of result.items) {
        if (seen && !seen.add(getId!(item))) continue;
        yield item;
      }
    }
  } finally {
    controller.abort();
  }
}
