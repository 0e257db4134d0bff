import type { CallStore } from '../store/call-store.ts';
import type { QuarantinedRecord } from '../store/quarantine.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line, shownZone } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { accountFields, loggerOf } from '../support/logger.ts';
import { outputFormat, printJson } from '../support/output.ts';
import { formatTable } from '../support/table.ts';
import { formatShownMinute } from '../support/time-zone.ts';
import { UsageError } from '../support/usage-error.ts';
import { withSession, withStore } from './command-context.ts';
import type { QuarantineListOptions, QuarantineRetryOptions } from './quarantine-flags.ts';
import { syncSession } from './sync-command.ts';

/** The records kept aside, of one provider or account when `only` names one. */
async function quarantinedOf(store: CallStore, only: string | undefined) {
  const records = await store.quarantined();
  return only === undefined
    ? records
    : records.filter((record) => record.account === only || record.provider === only);
}

/** `cdr quarantine list`: the records kept aside, with why; `--json` with their raw form. */
export async function runQuarantineList(
  io: CliIo,
  options: QuarantineListOptions,
): Promise<number> {
  return withStore(io, options, { mustExist: true }, async (store) => {
    const records = await quarantinedOf(store, options.provider);
    if (outputFormat(options) === 'json') {
      printJson(io, { database: store.location, records });
      return exitCodes.ok;
    }
    if (records.length === 0) {
      if (!options.quiet)
        loggerOf(io, options).info(
          `Nothing in quarantine in ${store.location}${options.provider ? ` for ${options.provider}` : ''}.`,
          {
            database: store.location,
            ...(options.provider ? accountFields(options.provider) : {}),
          },
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
          formatShownMinute(record.firstSeenAt, shownZone(io)),
          formatShownMinute(record.lastSeenAt, shownZone(io)),
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
  options: QuarantineRetryOptions,
): Promise<number> {
  return withStore(io, options, {}, (store) =>
    withSession(io, options, async (session) => {
      const records = await quarantinedOf(store, options.provider);
      if (records.length === 0) {
        if (!options.quiet)
          loggerOf(io, options).info(
            'Nothing in quarantine to retry.',
            options.provider ? accountFields(options.provider) : {},
          );
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
      const left = await quarantinedOf(store, options.provider);
      if (!options.quiet)
        loggerOf(io, options).info(
          `${records.length - left.length} of ${records.length} released; ${left.length} still in quarantine.`,
          {
            ...(options.provider ? accountFields(options.provider) : {}),
            released: records.length - left.length,
            left: left.length,
          },
        );
      return Math.max(...codes);
    }),
  );
}
