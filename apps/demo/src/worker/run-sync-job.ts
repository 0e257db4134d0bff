import { AuthenticationError } from '@cdr/core';
import type { SessionAccount } from '../accounts/session.ts';
import type { PostgresCallStore } from '../store/postgres/postgres-call-store.ts';
import { describeError } from '../support/describe-error.ts';
import {
  type AccountSyncResult,
  type SyncWindowOptions,
  syncAccount,
} from '../sync/sync-account.ts';

/** What a sync job did, as the worker reports it. */
export type SyncJobOutcome =
  /** `provider`: the account's provider family, for the metrics. */
  | { kind: 'synced'; result: AccountSyncResult; provider: string }
  /** Failed for a reason that may pass (an outage, a timeout): the queue retries it. */
  | { kind: 'failed'; error: unknown; result: AccountSyncResult; provider: string }
  /** The provider refused the credentials: retrying cannot help until someone fixes them. */
  | { kind: 'parked'; error: unknown }
  /** Stopped by the worker's shutdown before it finished: the job goes back to the queue. */
  | { kind: 'interrupted' }
  /** Another worker holds the account (the queue should never allow it): nothing done. */
  | { kind: 'busy' }
  | { kind: 'skipped'; reason: string };

export interface SyncJobContext {
  store: PostgresCallStore;
  /**
   * The accounts as configured now, opened for one job and closed after it: a worker runs
   * for days, and credentials fixed meanwhile (after `cdr state unpark`) must be used.
   */
  openAccounts(): Promise<{ accounts: readonly SessionAccount[]; close(): Promise<void> }>;
  window: Omit<SyncWindowOptions, 'signal'>;
}

/**
 * One account's sync as a job: under the store's account lock, recorded for `status`.
 * The caller turns the outcome into the job's end: `failed` is thrown (the queue retries
 * with backoff), `interrupted` is put back in the queue, the rest complete the job.
 */
export async function runSyncJob(
  context: SyncJobContext,
  name: string,
  signal: AbortSignal,
): Promise<SyncJobOutcome> {
  const configured = await context.openAccounts();
  let locked: { result: AccountSyncResult } | undefined;
  let provider = '';
  try {
    const account = configured.accounts.find((candidate) => candidate.name === name);
    if (!account)
      return { kind: 'skipped', reason: `no account "${name}" in this worker's configuration` };
    provider = account.provider;
    const state = (await context.store.accountStates()).find(
      (candidate) => candidate.account === name,
    );
    if (state?.parkedAt)
      return {
        kind: 'skipped',
        reason: `parked since ${state.parkedAt.toISOString()}: ${state.lastError ?? ''}`,
      };
    locked = await context.store.withAccountLock(name, () =>
      syncAccount(
        {
          name,
          provider: account.client(),
          totalChanges: account.totalChanges,
          shortListings: account.shortListings,
          takeRejected: account.takeRejected,
        },
        context.store,
        { ...context.window, signal },
      ),
    );
  } catch (error) {
    // Stopped between slices: what was committed stays, the cursor says where to resume.
    if (signal.aborted) return { kind: 'interrupted' };
    throw error;
  } finally {
    await configured.close();
  }
  if (!locked) return { kind: 'busy' };
  const result = locked.result;
  const at = context.window.now();
  if (result.ok) {
    await context.store.recordRun(name, at, { ok: true });
    return { kind: 'synced', result, provider };
  }
  // What was committed stays; the cursor says where the next run starts.
  if (signal.aborted) return { kind: 'interrupted' };
  if (result.error instanceof AuthenticationError) {
    await context.store.recordRun(name, at, {
      ok: false,
      error: describeError(result.error),
      park: true,
    });
    return { kind: 'parked', error: result.error };
  }
  await context.store.recordRun(name, at, { ok: false, error: describeError(result.error) });
  return { kind: 'failed', error: result.error, result, provider };
}
