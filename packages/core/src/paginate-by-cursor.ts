import { BoundedChannel } from './bounded-channel.js';
import type { CallWindow } from './call-provider.js';
import { ResponseValidationError } from './errors/index.js';
import type { ListingContext } from './paginate.js';

/** One page of a chain: its items and the cursor of the next page, if any. */
export interface ChainPage<T, Cursor> {
  items: readonly T[];
  next?: Cursor | undefined;
}

/** Which chain a request belongs to. */
export interface ChainRequest {
  /** The chain's sub-window, both ends inclusive. */
  window: CallWindow;
  /** The sub-window's position, from 0 (the earliest). */
  slice: number;
  /** Pages of this chain fetched before this one. */
  page: number;
  signal: AbortSignal;
}

export interface PaginateByCursorOptions<T, Cursor> {
  /** The whole window, both ends inclusive. */
  window: CallWindow;
  /** The first page of a sub-window. */
  fetchFirst: (request: ChainRequest) => Promise<ChainPage<T, Cursor>>;
  /** The page a cursor points at, in the chain of `request.window`. */
  fetchNext: (cursor: Cursor, request: ChainRequest) => Promise<ChainPage<T, Cursor>>;
  /** The instant (epoch ms) that places an item in a sub-window: what the API filters on. */
  sliceKey: (item: T) => number;
  /** Sub-windows walked at once. Default 1 (one chain). */
  slices?: number;
  /** No sub-window is shorter than this (the API's filter granularity). Default 1 s. */
  minimumSliceMs?: number;
  /** Pages each chain may fetch ahead of the reader. Default 2. */
  prefetch?: number;
  /** The most pages one chain may take: a chain whose cursors never end is not followed forever. Default 100,000. */
  maxPages?: number;
  /**
   * The most empty pages in a row a chain may take while still pointing at a next one: a
   * chain that makes no progress (a new cursor on every empty page) is stopped long before
   * `maxPages`. Default 20.
   */
  maxEmptyPages?: number;
  context?: ListingContext;
  signal?: AbortSignal | undefined;
}

/** The sub-windows of a window: `count` consecutive half-open spans covering it exactly. */
export function splitWindow(window: CallWindow, count: number, minimumMs: number): CallWindow[] {
  const from = window.from.getTime();
  const length = window.to.getTime() - from + 1;
  const slices = Math.max(1, Math.min(count, Math.floor(length / Math.max(1, minimumMs))));
  const bounds = Array.from({ length: slices + 1 }, (_, index) =>
    index === slices ? from + length : from + Math.floor((index * length) / slices),
  );
  return bounds
    .slice(0, -1)
    .map((start, index) => ({ from: new Date(start), to: new Date(bounds[index + 1]! - 1) }));
}

/**
 * Streams every item of a cursor-paged query (`next_page_uri`, `Before`/`After` cursors).
 *
 * A chain of cursors can only be followed one page at a time, so concurrency comes from
 * time slicing: the window is split into `slices` sub-windows whose chains are walked at
 * once (their requests still bounded by whatever the fetch functions go through), and read
 * in order: sub-window by sub-window, each chain in its own order. Each chain keeps only
 * the items whose `sliceKey` falls in its sub-window, half-open, so an item the API
 * returns for two neighbouring sub-windows (a coarse filter, an edge instant) is yielded
 * once; items outside the whole window are passed on for the caller to judge. Each chain
 * holds at most `prefetch` pages ahead of the reader, so memory stays bounded.
 */
export async function* paginateByCursor<T, Cursor>(
  options: PaginateByCursorOptions<T, Cursor>,
): AsyncGenerator<T, void, undefined> {
  for await (const items of paginateByCursorPages(options)) yield* items;
}

/** `paginateByCursor`, a page at a time (see `paginatePages` for why). */
export async function* paginateByCursorPages<T, Cursor>(
  options: PaginateByCursorOptions<T, Cursor>,
): AsyncGenerator<readonly T[], void, undefined> {
  const { window, fetchFirst, fetchNext, sliceKey, context } = options;
  const prefetch = Math.max(1, options.prefetch ?? 2);
  const maxPages = options.maxPages ?? 100_000;
  const maxEmptyPages = options.maxEmptyPages ?? 20;
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const windowFrom = window.from.getTime();
  const windowTo = window.to.getTime();
  const subWindows = splitWindow(window, options.slices ?? 1, options.minimumSliceMs ?? 1000);

  const walk = async (slice: number, channel: BoundedChannel<readonly T[]>) => {
    const subWindow = subWindows[slice]!;
    const from = subWindow.from.getTime();
    const to = subWindow.to.getTime();
    const seenCursors = new Set<string>();
    let emptyInARow = 0;
    try {
      let page = await fetchFirst({ window: subWindow, slice, page: 0, signal });
      for (let pages = 1; ; pages++) {
        emptyInARow = page.items.length === 0 ? emptyInARow + 1 : 0;
        const kept = page.items.filter((item) => {
          const key = sliceKey(item);
          // Inside the whole window but in another sub-window: that chain yields it.
          const elsewhere = key >= windowFrom && key <= windowTo && (key < from || key > to);
          return !elsewhere;
        });
        await channel.push(kept, signal);
        if (page.next === undefined || page.next === null) break;
        const key = JSON.stringify(page.next);
        if (seenCursors.has(key) || pages >= maxPages || emptyInARow >= maxEmptyPages) {
          throw new ResponseValidationError({
            provider: context?.provider,
            instance: context?.instance,
            endpoint: context?.endpoint,
            issues: [{ path: 'next', message: 'a cursor that ends' }],
            message: seenCursors.has(key)
              ? 'the cursor chain repeats a cursor: it would never end'
              : emptyInARow >= maxEmptyPages
                ? `the cursor chain makes no progress: ${emptyInARow} empty pages in a row, each with a next cursor`
                : `the cursor chain goes past ${maxPages} pages: not followed further`,
          });
        }
        seenCursors.add(key);
        page = await fetchNext(page.next, { window: subWindow, slice, page: pages, signal });
      }
      channel.close();
    } catch (error) {
      channel.fail(error);
    }
  };

  const channels = subWindows.map(() => new BoundedChannel<readonly T[]>(prefetch));
  const walks = channels.map((channel, slice) => walk(slice, channel));
  try {
    for (const channel of channels) {
      for await (const items of channel) yield items;
    }
  } finally {
    controller.abort();
    await Promise.allSettled(walks);
  }
}
