import { formatZonedDateTime } from '@cdr/core/time';
import type { Session } from '../accounts/session.ts';
import { selectAccounts } from '../accounts/session.ts';
import type { CallStore } from '../store/call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line, shownZone } from '../support/cli-io.ts';
import { describeError } from '../support/describe-error.ts';
import { exitCodeOf, exitCodes } from '../support/exit-codes.ts';
import { accountFields, errorFields, loggerOf } from '../support/logger.ts';
import { outputFormat, paint, printJson } from '../support/output.ts';
import { zoneLabel } from '../support/time-zone.ts';
import { UsageError } from '../support/usage-error.ts';
import { createProgressDisplay } from '../sync/progress.ts';
import type { AccountSyncResult } from '../sync/sync-account.ts';
import { syncAccounts } from '../sync/sync-accounts.ts';
import { claimDatabaseFor } from './claim-database.ts';
import { withSession, withStore } from './command-context.ts';
import type { SyncOptions } from './sync-flags.ts';

const shownTime = (instant: Date, zone: string) =>
  `${formatZonedDateTime(instant, zone).slice(0, 16)}`;

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
  options: SyncOptions,
): Promise<{ results: AccountSyncResult[]; exitCode: number }> {
  if (options.from && options.to && options.from.getTime() >= options.to.getTime())
    throw new UsageError('--from must be before --to');
  const accounts = selectAccounts(session, options.provider).filter(
    (account) => account.client().capabilities.listCalls !== false,
  );
  const log = loggerOf(io, options);
  if (accounts.length === 0) {
    if (!options.quiet)
      log.info(
        'No selected account can list calls by time window (to fetch calls by id, use `cdr lookup`).',
      );
    return { results: [], exitCode: exitCodes.ok };
  }
  await claimDatabaseFor(store, session, options);
  const json = outputFormat(options) === 'json';
  // A terminal's redrawn line: not between JSON log lines.
  const progress = createProgressDisplay(
    log.format === 'text' ? io.stderr : { write: () => undefined },
    shownZone(io),
  );
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
          // With --json the output says how each account went; JSON logs still say it too.
          if (json && log.format === 'text') return;
          progress.clear();
          const fields = {
            ...accountFields(result.account),
            durationMs: result.durationMs,
            from: result.window.from.toISOString(),
            to: result.window.to.toISOString(),
            listed: result.listed,
            inserted: result.inserted,
            updated: result.updated,
            unchanged: result.unchanged,
            quarantined: result.quarantined,
          };
          const counts = `${result.listed} listed, ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged${result.quarantined > 0 ? `, ${result.quarantined} quarantined` : ''}`;
          if (result.ok) {
            if (!json)
              line(
                io.stdout,
                `${result.account}  ${shownTime(result.window.from, shownZone(io))} → ${shownTime(result.window.to, shownZone(io))} ${zoneLabel(shownZone(io))}  ${counts}`,
              );
            // In text, the line above on standard output says it.
            if (!options.quiet) log.info('synced', fields, null);
            // Never hidden by -q: a window that may be incomplete is why the run is partial.
            if (result.incomplete)
              log.warn(
                `the window may be incomplete: ${result.incomplete}`,
                fields,
                `${result.account}  ${paint(io, io.stderr, 'yellow', 'INCOMPLETE')}  ${result.incomplete}`,
              );
            if (result.quarantined > 0 && !options.quiet)
              log.info(
                `${result.quarantined} record(s) that cannot be trusted kept aside: \`cdr quarantine list\``,
                fields,
                `${result.account}  ${result.quarantined} record(s) that cannot be trusted kept aside: \`cdr quarantine list\``,
              );
          } else {
            log.error(
              'sync failed',
              { ...fields, ...errorFields(result.error) },
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
  else if (!options.quiet) {
    const calls = await store.countCalls({});
    log.info(`${calls.toLocaleString('en-US')} calls in ${store.location}`, {
      calls,
      database: store.location,
    });
  }
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
export async function runSync(io: CliIo, options: SyncOptions): Promise<number> {
  // SQLite's inserts on a thread of their own, beside the listing (BENCHMARKS.md, B5).
  return withStore(io, options, { writeThread: true }, (store) =>
    withSession(
      io,
      options,
      async (session) => (await syncSession(io, store, session, options)).exitCode,
    ),
  );
}
