import { z } from 'zod';
import { ResponseValidationError } from './errors/index.js';
import { functionOption, integerOption, parseOptions } from './options/parse-options.js';
import { RecentIds } from './provider-kit/recent-ids.js';
import type { ListingEvent } from './transport/transport-event.js';

export interface Page<T> {
  items: readonly T[];
  /** The provider's count of all items in the query, as this page reported it. */
  total: number;
}

/** Who is listing, for the errors and events a listing produces. */
export interface ListingContext {
  provider: string;
  instance?: string | undefined;
  /** e.g. `POST /v2/user/out_cdr`. */
  endpoint: string;
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
  /**
   * The most pages one listing may take. A total that would need more is not believed
   * (a provider answering `count: 1e15`) and the listing fails before asking for more.
   * Default 100,000 (a million calls at 10 a page).
   */
  maxPages?: number;
  /** Names the listing in errors and events. */
  context?: ListingContext;
  /** Told when the provider's answers disagree with themselves (see `ListingEvent`). */
  onEvent?: ((event: ListingEvent) => void) | undefined;
  signal?: AbortSignal | undefined;
}

const paginateOptionsSchema = z.object({
  fetchPage: functionOption(),
  pageSize: integerOption(1, 100_000),
  concurrency: integerOption(1, 256).optional(),
  getId: functionOption().optional(),
  dedupeWindow: integerOption(1, 10_000_000).optional(),
  maxPages: integerOption(1, 100_000_000).optional(),
});

/**
 * Streams every item of a query paged by page number and total, in page order.
 *
 * Page 1 comes first and tells the total; the remaining pages are fetched with at most
 * `concurrency` in flight, and at most that many held ahead of the consumer, so memory
 * stays bounded however large the result. Leaving the `for await` early aborts requests
 * in flight and sends no more.
 *
 * The total is a claim, not a fact, and the listing holds it to the pages:
 * - a later page reporting a larger total (calls arrived meanwhile) adds the extra pages;
 *   a smaller one (calls removed: offset paging may then skip records) is reported as a
 *   `total-changed` event, so a caller can list the window again;
 * - an empty or short page before the last page the total allows ends the listing — there
 *   is nothing after it to ask for — and is reported as `total-mismatch`;
 * - a full last page means the total may be too low: pages are asked for until a short
 *   one comes, and records beyond the total are reported as `total-mismatch`;
 * - a total needing more than `maxPages` pages is refused as a `ResponseValidationError`.
 */
export async function* paginate<T>(
  options: PaginateOptions<T>,
): AsyncGenerator<T, void, undefined> {
  for await (const items of paginatePages(options)) yield* items;
}

/**
 * `paginate`, a page at a time: each page's items (repeats dropped) as one array. The
 * provider kit reads pages, not items, through its layers (read-ahead, the listing), so
 * that it pays for one promise and one iterator result per page rather than per call:
 * those were a third of what a listed call allocated (B3's heap profile).
 */
export async function* paginatePages<T>(
  options: PaginateOptions<T>,
): AsyncGenerator<readonly T[], void, undefined> {
  parseOptions(paginateOptionsSchema, options, {
    what: 'pagination options',
    provider: options?.context?.provider,
    instance: options?.context?.instance,
  });
  const { fetchPage, pageSize, getId, context, onEvent } = options;
  const concurrency = options.concurrency ?? 4;
  const maxPages = options.maxPages ?? 100_000;
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const seen = getId ? new RecentIds(options.dedupeWindow ?? 50_000) : undefined;
  const report = (event: DistributiveOmit<ListingEvent, 'provider' | 'instance' | 'endpoint'>) =>
    onEvent?.({
      provider: context?.provider ?? 'unknown',
      instance: context?.instance,
      endpoint: context?.endpoint ?? 'unknown',
      ...event,
    } as ListingEvent);

  // Pages in flight, by page number modulo the slots: at most `concurrency` ahead of the
  // one being read. Not a Map: a Map that keeps adding and deleting keys replaces its hash
  // table every few dozen pages, each replaced table keeps a link to the next (for live
  // iterators) and the entries it held, and once one of them sits dead in V8's old
  // generation that chain holds every later table — and every page they held — through
  // each young-generation collection until a full one: a million calls streamed grew the
  // heap by ~150 MB of dead pages (BENCHMARKS.md, B3).
  const slots = concurrency + 1;
  const pending: (Promise<Page<T>> | undefined)[] = new Array(slots).fill(undefined);
  // The last page to ask for, as the totals and pages seen so far say.
  let lastPage = 1;
  let previousTotal: number | undefined;
  let received = 0;
  let nextToStart = 2;

  const start = (page: number) => {
    const promise = fetchPage(page, signal);
    // A prefetched page may fail while an earlier one is being consumed; the failure is
    // raised when its turn comes, not as an unhandled rejection.
    promise.catch(() => undefined);
    pending[page % slots] = promise;
  };
  const fill = (current: number) => {
    while (nextToStart <= lastPage && nextToStart <= current + concurrency) start(nextToStart++);
  };
  const refuseTotal = (total: number) =>
    new ResponseValidationError({
      provider: context?.provider,
      instance: context?.instance,
      endpoint: context?.endpoint,
      issues: [
        {
          path: 'total',
          message: `a total needing more than ${maxPages} pages of ${pageSize} is not believed`,
        },
      ],
      message: `the provider claims ${total} records, more than ${maxPages} pages of ${pageSize}: not believed (raise maxPages if it is real)`,
    });

  try {
    for (let page = 1; page <= lastPage; page++) {
      signal.throwIfAborted();
      if (page === 1) start(1);
      const result = await pending[page % slots]!;
      pending[page % slots] = undefined;
      const total = result.total;
      if (!Number.isSafeInteger(total) || total < 0) {
        throw new ResponseValidationError({
          provider: context?.provider,
          instance: context?.instance,
          endpoint: context?.endpoint,
          issues: [{ path: 'total', message: 'expected a whole number of 0 or more' }],
          message: 'the total is not a whole number of 0 or more',
        });
      }
      if (Math.ceil(total / pageSize) > maxPages) throw refuseTotal(total);
      if (previousTotal !== undefined && total < previousTotal) {
        report({ type: 'total-changed', page, previousTotal, total });
      }
      previousTotal = total;
      received += result.items.length;
      const stated = Math.ceil(total / pageSize);
      const full = result.items.length >= pageSize;
      if (page < stated && !full) {
        // Nothing comes after a short page: the total overstated. Stop here.
        report({ type: 'total-mismatch', stated: total, received, reason: 'short-page' });
        lastPage = page;
      } else if (page >= stated && full) {
        // The total allows no more pages, yet this one is full: ask for the next — unless
        // that would pass maxPages while the pages agree with the total: a listing of
        // exactly maxPages full pages is complete (a million calls at 10 a page).
        if (page + 1 > maxPages) {
          if (received > total) throw refuseTotal(received + 1);
          lastPage = page;
        } else {
          lastPage = page + 1;
        }
      } else {
        lastPage = Math.max(lastPage, stated);
        // The end: more came than the latest total said (the total was low, not growing), or
        // fewer (the last page came short of it: calls the provider says it has, not served).
        if (page >= lastPage && received > total) {
          report({ type: 'total-mismatch', stated: total, received, reason: 'beyond-total' });
        } else if (page >= lastPage && received < total) {
          report({ type: 'total-mismatch', stated: total, received, reason: 'short-page' });
        }
      }
      fill(page);
      yield seen ? result.items.filter((item) => seen.add(getId!(item))) : result.items;
    }
  } finally {
    controller.abort();
  }
}

type DistributiveOmit<Union, Key extends PropertyKey> = Union extends unknown
  ? Omit<Union, Key>
  : never;
