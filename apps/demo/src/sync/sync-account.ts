import { type Call, type CallProvider, CdrError } from '@cdr/core';
import type { CallStore, UpsertCounts } from '../store/call-store.ts';
import type { RejectedRecord } from '../store/quarantine.ts';
import { StoreError } from '../store/store-error.ts';

export interface SyncWindowOptions {
  /** An explicit window start; default: the account's cursor minus `lookbackMs`, or `initialMs` ago. */
  from?: Date | undefined;
  /** The window end. Default: now. */
  to?: Date | undefined;
  /** How far before the cursor each run starts again, for calls published late (or skipped). */
  lookbackMs: number;
  /** How far back an account that was never synced starts. */
  initialMs: number;
  /** The window is listed and committed in slices of this length, oldest first. */
  sliceMs: number;
  /** Slices whose listings start ahead of the one being written. Default 4. */
  lookahead?: number | undefined;
  /** Calls written per transaction within a slice (the cursor moves with the slice's last). Default 1,000. */
  batchSize?: number | undefined;
  now: () => Date;
  signal?: AbortSignal | undefined;
}

export interface SyncProgress {
  account: string;
  window: { from: Date; to: Date };
  /** The end of the last committed slice. */
  reached: Date;
  listed: number;
}

export interface SyncAccount {
  /** The instance name: `telecmi:rest-user`. */
  name: string;
  provider: CallProvider;
  /**
   * How many `total-changed` events the provider has reported so far: calls removed while
   * a listing paged, which offset paging may have skipped. A slice listed while one came is
   * listed again.
   */
  totalChanges?: (() => number) | undefined;
  /**
   * How many listings the provider reported short so far (`total-mismatch`, a short page
   * before the stated total's end): calls it said it has but did not serve. A slice listed
   * while one came is listed again; one that stays short keeps the cursor before it.
   */
  shortListings?: (() => number) | undefined;
  /** The records the listings kept aside since the last call, quarantined with the next write. */
  takeRejected?: (() => RejectedRecord[]) | undefined;
}

export type AccountSyncResult = {
  account: string;
  window: { from: Date; to: Date };
  listed: number;
  /** Slices listed a second time because records moved under the first listing. */
  relisted: number;
  /** Records kept aside in the quarantine by this run. */
  quarantined: number;
  /**
   * Why the window may be incomplete, when it may: the provider served fewer calls than it
   * said it has, twice. The calls it did serve are stored; the cursor stays before the
   * slice, so the next run asks for it again. A run with this set is partial, never `ok`.
   */
  incomplete?: string | undefined;
  /** How long the run took (the monotonic clock: a duration, not a time), failed runs included. */
  durationMs: number;
} & UpsertCounts &
  ({ ok: true } | { ok: false; error: unknown });

interface Slice {
  from: number;
  /** Exclusive: the listing asks up to `end - 1` (windows are inclusive). */
  end: number;
}

function slicesOf(from: number, to: number, sliceMs: number): Slice[] {
  const slices: Slice[] = [];
  for (let start = from; start < to; start += sliceMs)
    slices.push({ from: start, end: Math.min(start + sliceMs, to) });
  return slices;
}

/**
 * Syncs one account into the store, slice by slice, oldest first, with the listings of
 * the next `lookahead` slices already under way (the provider keeps its own cap on
 * requests in flight and serves the oldest listing first): while a slice is being
 * written, the next slices' first pages — of every endpoint — are being fetched, and the
 * slice's next batch is being read.
 *
 * A slice's calls are written in batches and the cursor that covers the slice moves with
 * its last batch, so a run killed anywhere restarts from a cursor that never runs ahead of
 * the stored rows, and a rerun upserts rather than duplicates. The cursor only moves over
 * time this run covered without a gap, and never back.
 */
export async function syncAccount(
  account: SyncAccount,
  store: CallStore,
  options: SyncWindowOptions,
  onProgress?: (progress: SyncProgress) => void,
): Promise<AccountSyncResult> {
  const now = options.now();
  const startedAt = performance.now();
  const cursor = await store.cursor(account.name);
  const to = options.to ?? now;
  const from =
    options.from ??
    new Date(
      cursor
        ? Math.min(cursor.getTime(), to.getTime()) - options.lookbackMs
        : to.getTime() - options.initialMs,
    );
  const window = { from, to };
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  let listed = 0;
  let relisted = 0;
  let covered = cursor?.getTime();
  const lookahead = Math.max(1, options.lookahead ?? 4);
  const batchSize = options.batchSize ?? 1000;
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const slices = slicesOf(from.getTime(), to.getTime(), options.sliceMs);
  const changes = account.totalChanges ?? (() => 0);
  const shortListings = account.shortListings ?? (() => 0);
  let quarantined = 0;
  let incomplete: string | undefined;

  interface Listing {
    iterator: AsyncIterator<Call>;
    first: Promise<IteratorResult<Call>>;
    changesAtStart: number;
    shortAtStart: number;
  }
  const open = (slice: Slice): Listing => {
    const iterator = account.provider
      .listCalls({ from: new Date(slice.from), to: new Date(slice.end - 1), signal })
      [Symbol.asyncIterator]();
    const first = iterator.next();
    // Failures surface when the slice's turn comes, not as unhandled rejections meanwhile.
    first.catch(() => undefined);
    return { iterator, first, changesAtStart: changes(), shortAtStart: shortListings() };
  };
  const listings = new Map<number, Listing>();
  const ensureOpen = (index: number) => {
    for (let next = index; next < Math.min(slices.length, index + lookahead); next++) {
      if (!listings.has(next)) listings.set(next, open(slices[next]!));
    }
  };

  // One write in flight while the listing goes on: a store that writes elsewhere (SQLite's
  // write thread, PostgreSQL's server) works beside the listing. Writes still land one at a
  // time and in order, so a cursor is never stored before the calls it covers.
  let writing: Promise<void> = Promise.resolve();
  const write = async (calls: Call[], cursorAt?: number, written?: () => void) => {
    await writing;
    const rejected = account.takeRejected?.() ?? [];
    quarantined += rejected.length;
    writing = store
      .writeSlice({
        account: account.name,
        calls,
        ...(rejected.length > 0 ? { rejected } : {}),
        ...(cursorAt !== undefined
          ? { cursor: { account: account.name, position: new Date(cursorAt) } }
          : {}),
      })
      .then((result) => {
        counts.inserted += result.inserted;
        counts.updated += result.updated;
        counts.unchanged += result.unchanged;
        written?.();
      });
    // A failure surfaces at the next write or at the end, not as an unhandled rejection.
    writing.catch(() => undefined);
  };

  /** Reads a listing to its end, writing full batches as they fill; returns the last batch. */
  const drain = async (listing: Listing): Promise<Call[]> => {
    let batch: Call[] = [];
    for (let result = await listing.first; !result.done; result = await listing.iterator.next()) {
      batch.push(result.value);
      listed++;
      if (batch.length >= batchSize) {
        await write(batch);
        batch = [];
      }
    }
    return batch;
  };

  try {
    for (const [index, slice] of slices.entries()) {
      ensureOpen(index);
      const listing = listings.get(index)!;
      listings.delete(index);
      let last = await drain(listing);
      // Records removed while this slice was listed may have shifted others past a page
      // boundary unseen, or the provider served fewer than it said it has: list it once
      // more before its cursor moves over it.
      let short = shortListings() > listing.shortAtStart;
      if (changes() > listing.changesAtStart || short) {
        relisted++;
        await write(last);
        const again = open(slice);
        last = await drain(again);
        short = shortListings() > again.shortAtStart;
      }
      // Still short: what was served is stored, but the cursor stays before this slice (and
      // so before every later one), and the run ends partial.
      if (short && incomplete === undefined)
        incomplete = `the provider served fewer calls than it said it has between ${new Date(slice.from).toISOString()} and ${new Date(slice.end).toISOString()}; the cursor stays there and the next run lists it again`;
      // The cursor only moves over time this run has covered without a gap: an explicit
      // window ahead of the cursor must not hide the time in between.
      const advance =
        incomplete === undefined &&
        (covered === undefined || (slice.from <= covered && slice.end > covered));
      const reached = { account: account.name, window, reached: new Date(slice.end), listed };
      await write(last, advance ? slice.end : undefined, () => onProgress?.(reached));
      if (advance) covered = slice.end;
    }
    await writing;
    return {
      account: account.name,
      window,
      listed,
      relisted,
      quarantined,
      ...(incomplete ? { incomplete } : {}),
      durationMs: Math.round(performance.now() - startedAt),
      ...counts,
      ok: true,
    };
  } catch (error) {
    // A store that cannot be written fails every account alike: the caller stops the run.
    if (error instanceof StoreError) throw error;
    // A store that failed meanwhile fails the run as above; the write in flight settles first.
    const lastWrite = await writing.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (lastWrite instanceof StoreError) throw lastWrite;
    // What the failed listing kept aside before it failed is quarantined all the same.
    const pending = account.takeRejected?.() ?? [];
    if (pending.length > 0) {
      quarantined += pending.length;
      await store.writeSlice({ account: account.name, calls: [], rejected: pending });
    }
    if (options.signal?.aborted && !CdrError.isInstance(error)) throw error;
    return {
      account: account.name,
      window,
      listed,
      relisted,
      quarantined,
      durationMs: Math.round(performance.now() - startedAt),
      ...counts,
      ok: false,
      error,
    };
  } finally {
    controller.abort();
    await Promise.allSettled([...listings.values()].map((listing) => listing.iterator.return?.()));
  }
}
