import { formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { outputFormat, printJson } from '../cli/output.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { formatTable } from '../cli/table.ts';
import { UsageError } from '../cli/usage-error.ts';
import type { QuarantinedRecord } from '../store/quarantine.ts';
import { withSession, withStore } from './command-context.ts';
import { type SyncCommandOptions, syncSession } from './sync-command.ts';

const ist = (instant: Date) => `${formatZonedDateTime(instant, INDIA_TIME_ZONE).slice(0, 16)} IST`;

export interface QuarantineOptions extends GlobalOptions {
  /** Only this account's records. */
  account?: string | undefined;
}

/** `cdr quarantine list`: the records kept aside, with why; `--json` with their raw form. */
export async function runQuarantineList(
  io: CliIo,
  options: QuarantineOptions & Record<string, unknown>,
): Promise<number> {
  return withStore(io, options, { mustExist: true }, async (store) => {
    const records = await store.quarantined(options.account);
    if (outputFormat(options) === 'json') {
      printJson(io, { database: store.location, records });
      return exitCodes.ok;
    }
    if (records.length === 0) {
      if (!options.quiet)
        line(
          io.stderr,
          `Nothing in quarantine in ${store.location}${options.account ? ` for ${options.account}` : ''}.`,
        );
      return exitCodes.ok;
    }
    line(
      io.stdout,
      formatTable(
        ['account', 'call', 'first seen', 'last seen', 'why'],
        records.map((record) => [
          record.account,
          record.id ?? `(no id) ${record.key.slice(4, 16)}`,
          ist(record.firstSeenAt),
          ist(record.lastSeenAt),
          record.reason,
        ]),
      ),
    );
    return exitCodes.ok;
  });
}

/** The time each account's quarantined records were listed in: what a retry lists again. */
function windowsOf(records: readonly QuarantinedRecord[]): Map<string, { from: Date; to: Date }> {
  const windows = new Map<string, { from: Date; to: Date }>();
  for (const record of records) {
    const known = windows.get(record.account);
    windows.set(record.account, {
      from: new Date(Math.min(known?.from.getTime() ?? Infinity, record.window.from.getTime())),
      to: new Date(Math.max(known?.to.getTime() ?? -Infinity, record.window.to.getTime())),
    });
  }
  return windows;
}

/**
 * `cdr quarantine retry`: lists again the windows the quarantined records came from, so a
 * record the provider now sends readable is stored (and released), and one still bad stays,
 * its reason refreshed. The cursors are not moved back.
 */
export async function runQuarantineRetry(
  io: CliIo,
  options: QuarantineOptions & Omit<SyncCommandOptions, 'provider'> & Record<string, unknown>,
): Promise<number> {
  return withStore(io, options, {}, (store) =>
    withSession(io, options, async (session) => {
      const records = await store.quarantined(options.account);
      if (records.length === 0) {
        if (!options.quiet) line(io.stderr, 'Nothing in quarantine to retry.');
        return exitCodes.ok;
      }
      const codes: number[] = [];
      for (const [account, window] of windowsOf(records)) {
        if (!session.accounts.some((candidate) => candidate.name === account))
          throw new UsageError(
            `${account} is not configured here (configured: ${session.accounts.map((candidate) => candidate.name).join(', ')}): its records cannot be listed again`,
          );
        const { exitCode } = await syncSession(io, store, session, {
          ...options,
          provider: [account],
          from: window.from,
          // Windows are inclusive; the sync's end is exclusive.
          to: new Date(window.to.getTime() + 1),
        });
        codes.push(exitCode);
      }
      const left = await store.quarantined(options.account);
      if (!options.quiet)
        line(
          io.stderr,
          `${records.length - left.length} of ${records.length} released; ${left.length} still in quarantine.`,
        );
      return Math.max(...codes);
    }),
  );
}
