import { formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import type { Session } from '../accounts/session.ts';
import { selectAccounts } from '../accounts/session.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { describeError } from '../cli/describe-error.ts';
import { exitCodeOf, exitCodes } from '../cli/exit-codes.ts';
import { outputFormat, paint, printJson } from '../cli/output.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { UsageError } from '../cli/usage-error.ts';
import type { CallStore } from '../store/call-store.ts';
import { createProgressDisplay } from '../sync/progress.ts';
import type { AccountSyncResult } from '../sync/sync-account.ts';
import { syncAccounts } from '../sync/sync-accounts.ts';
import { claimDatabaseFor } from './claim-database.ts';
import { withSession, withStore } from './command-context.ts';

export interface SyncCommandOptions extends GlobalOptions {
  from?: Date | undefined;
  to?: Date | undefined;
  provider?: string[] | undefined;
  lookback: number;
  initial: number;
  slice: number;
  parallel?: number | undefined;
}

const indianTime = (instant: Date) =>
  `${formatZonedDateTime(instant, INDIA_TIME_ZONE).slice(0, 16)}`;

/** The JSON shape of one account's sync (`sync --json`). */
export function syncResultJson(result: AccountSyncResult) {
  return {
    account: result.account,
    ok: result.ok,
    window: { from: result.window.from, to: result.window.to },
    listed: result.listed,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    relisted: result.relisted,
    quarantined: result.quarantined,
    ...(result.incomplete ? { incomplete: result.incomplete } : {}),
    ...(result.ok ? {} : { error: describeError(result.error) }),
  };
}

/** Syncs the session's listing accounts into the store; prints a line per account. */
export async function syncSession(
  io: CliIo,
  store: CallStore,
  session: Session,
  options: SyncCommandOptions,
): Promise<{ results: AccountSyncResult[]; exitCode: number }> {
  if (options.from && options.to && options.from.getTime() >= options.to.getTime())
    throw new UsageError('--from must be before --to');
  const accounts = selectAccounts(session, options.provider).filter(
    (account) => account.client().capabilities.listCalls !== false,
  );
  if (accounts.length === 0) {
    if (!options.quiet)
      line(
        io.stderr,
        'No selected account can list calls by time window (to fetch calls by id, use `cdr lookup`).',
      );
    return { results: [], exitCode: exitCodes.ok };
  }
  await claimDatabaseFor(store, session, options);
  const json = outputFormat(options) === 'json';
  const progress = createProgressDisplay(io.stderr);
  let results: AccountSyncResult[];
  try {
    results = await syncAccounts(
      accounts.map((account) => ({
        name: account.name,
        provider: account.client(),
        totalChanges: account.totalChanges,
        shortListings: account.shortListings,
        takeRejected: account.takeRejected,
      })),
      store,
      {
        from: options.from,
        to: options.to,
        lookbackMs: options.lookback,
        initialMs: options.initial,
        sliceMs: options.slice,
        concurrency: options.parallel,
        now: io.now,
        signal: io.signal,
        onProgress: options.quiet || json ? undefined : (update) => progress.update(update),
        onResult: (result) => {
          if (json) return;
          progress.clear();
          const counts = `${result.listed} listed, ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged${result.quarantined > 0 ? `, ${result.quarantined} quarantined` : ''}`;
          if (result.ok) {
            line(
              io.stdout,
              `${result.account}  ${indianTime(result.window.from)} → ${indianTime(result.window.to)} IST  ${counts}`,
            );
            // Never hidden by -q: a window that may be incomplete is why the run is partial.
            if (result.incomplete)
              line(
                io.stderr,
                `${result.account}  ${paint(io, io.stderr, 'yellow', 'INCOMPLETE')}  ${result.incomplete}`,
              );
            if (result.quarantined > 0 && !options.quiet)
              line(
                io.stderr,
                `${result.account}  ${result.quarantined} record(s) that cannot be trusted kept aside: \`cdr quarantine list\``,
              );
          } else {
            line(
              io.stderr,
              `${result.account}  ${paint(io, io.stderr, 'red', 'FAILED')}  ${describeError(result.error)}  (${counts} before the failure)`,
            );
          }
        },
      },
    );
  } finally {
    // A fatal error (a full disk) is printed next: not on the end of the progress line.
    progress.clear();
  }
  // The per-day figures of the days this sync wrote, computed now: the sync pays for them,
  // not the next dashboard load or report.
  await store.refreshFigures();
  if (json) printJson(io, { database: store.location, accounts: results.map(syncResultJson) });
  else if (!options.quiet)
    line(
      io.stderr,
      `${(await store.countCalls({})).toLocaleString('en-US')} calls in ${store.location}`,
    );
  return { results, exitCode: syncExitCode(results) };
}

/**
 * The run's exit code: a window that may be incomplete counts as a part not done, so a run
 * with one is partial (3) at best, never ok.
 */
export function syncExitCode(results: readonly AccountSyncResult[]): number {
  const code = exitCodeOf(results.map((result) => result.ok));
  if (code === exitCodes.ok && results.some((result) => result.ok && result.incomplete))
    return exitCodes.partial;
  return code;
}

/** `cdr sync`. */
export async function runSync(io: CliIo, options: SyncCommandOptions): Promise<number> {
  return withStore(io, options, {}, (store) =>
    withSession(
      io,
      options,
      async (session) => (await syncSession(io, store, session, options)).exitCode,
    ),
  );
}
