import { type Call, type CallProvider, CdrError } from '@cdr/core';
import type { CallStore, UpsertCounts } from './call-store.ts';
import { StoreError } from './store-error.ts';

export interface SyncOptions {
  store: CallStore;
  /** The provider accounts to list, by instance name (`telecmi:user` …). */
  accounts: readonly CallProvider[];
  /** An explicit window start; default: the account's cursor minus `lookbackMs`, or `initialMs` ago. */
  from?: Date | undefined;
  /** The window end. Default: now. */
  to?: Date | undefined;
  /** How far before the cursor each run starts again, for calls published late. */
  lookbackMs: number;
  /** How far back an account that was never synced starts. */
  initialMs: number;
  /** The window is listed and committed in slices of this length, oldest first. */
  sliceMs: number;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  account: string;
  window: { from: Date; to: Date };
  /** The end of the last committed slice. */
  reached: Date;
  listed: number;
}

export type AccountSyncResult = {
  account: string;
  window: { from: Date; to: Date };
  listed: number;
} & UpsertCounts &
  ({ ok: true } | { ok: false; error: unknown });

const emptyCounts = (): UpsertCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

/**
 * Syncs each account's calls into the store, account by account. A slice's calls and the
 * cursor that covers them commit together, so a run killed at any point restarts from a
 * cursor that never runs ahead of the stored rows, and reruns upsert rather than duplicate.
 * One account failing (bad credentials, outage) is recorded and the others go on; the store
 * failing (a full disk) ends the whole run, as it would fail every account the same way.
 */
export async function syncAccounts(options: SyncOptions): Promise<AccountSyncResult[]> {
  const results: AccountSyncResult[] = [];
  for (const account of options.accounts) {
    results.push(await syncAccount(account, options));
    if (options.signal?.aborted) break;
  }
  return results;
}

async function syncAccount(
  provider: CallProvider,
  options: SyncOptions,
): Promise<AccountSyncResult> {
  const now = (options.now ?? (() => new Date()))();
  const cursor = options.store.cursor(provider.name);
  const to = options.to ?? now;
  const from =
    options.from ??
    new Date(
      cursor
        ? Math.min(cursor.getTime(), to.getTime()) - options.lookbackMs
        : to.getTime() - options.initialMs,
    );
  const window = { from, to };
  const counts = emptyCounts();
  let listed = 0;
  let covered = cursor?.getTime();
  try {
    for (let start = from.getTime(); start < to.getTime(); start += options.sliceMs) {
      const end = Math.min(start + options.sliceMs, to.getTime());
      const calls: Call[] = [];
      // Windows are inclusive at both ends; the next slice starts 1 ms later.
      for await (const call of provider.listCalls({
        from: new Date(start),
        to: new Date(end - 1),
        signal: options.signal,
      })) {
        calls.push(call);
      }
      // The cursor only moves over time this run has covered without a gap: an explicit
      // window ahead of the cursor must not hide the time in between. (The store keeps it
      // from ever moving back.)
      const advance = covered === undefined || (start <= covered && end > covered);
      const upserted = options.store.upsert(
        calls,
        advance ? { account: provider.name, position: new Date(end) } : undefined,
      );
      if (advance) covered = end;
      counts.inserted += upserted.inserted;
      counts.updated += upserted.updated;
      counts.unchanged += upserted.unchanged;
      listed += calls.length;
      options.onProgress?.({ account: provider.name, window, reached: new Date(end), listed });
    }
    return { account: provider.name, window, listed, ...counts, ok: true };
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if (options.signal?.aborted && !CdrError.isInstance(error)) throw error;
    return { account: provider.name, window, listed, ...counts, ok: false, error };
  }
}
