import { mapConcurrent } from '@cdr/core/provider-utils';
import type { CallStore } from '../store/call-store.ts';
import { describeError } from '../support/describe-error.ts';
import {
  type AccountSyncResult,
  type SyncAccount,
  type SyncProgress,
  type SyncWindowOptions,
  syncAccount,
} from './sync-account.ts';

export interface SyncAccountsOptions extends SyncWindowOptions {
  /** Accounts synced at once. Default 4. */
  concurrency?: number | undefined;
  onProgress?: ((progress: SyncProgress) => void) | undefined;
  /** Told as each account finishes, in the accounts' order. */
  onResult?: ((result: AccountSyncResult) => void) | undefined;
}

/**
 * Syncs several accounts, a few at once (each keeps its own provider's request cap and
 * rate budget), and records each run's outcome in the store for `status`. One account
 * failing (bad credentials, an outage) is recorded and the others go on; a store that
 * cannot be written stops the run.
 */
export async function syncAccounts(
  accounts: readonly SyncAccount[],
  store: CallStore,
  options: SyncAccountsOptions,
): Promise<AccountSyncResult[]> {
  const results: AccountSyncResult[] = [];
  for await (const result of mapConcurrent(
    accounts,
    async (account) => {
      const result = await syncAccount(account, store, options, options.onProgress);
      // Interrupted (Ctrl-C): not the account's failure, and not to be recorded as one.
      // What it committed stays, and its cursor says where the next run starts.
      options.signal?.throwIfAborted();
      await store.recordRun(
        account.name,
        options.now(),
        result.ok ? { ok: true } : { ok: false, error: describeError(result.error) },
      );
      return result;
    },
    { concurrency: options.concurrency ?? 4, signal: options.signal },
  )) {
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
