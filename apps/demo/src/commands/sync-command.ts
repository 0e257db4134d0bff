import { type CallProvider, formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import type { CallStore } from '../call-store.ts';
import { type CliIo, exitCodes, line } from '../cli-io.ts';
import { describeError } from '../describe-error.ts';
import { createProgressDisplay } from '../progress.ts';
import type { Session } from '../session.ts';
import { type AccountSyncResult, syncAccounts } from '../sync.ts';
import { UsageError } from '../usage-error.ts';

export interface SyncCommandOptions {
  from?: Date | undefined;
  to?: Date | undefined;
  provider?: string[] | undefined;
  lookback: number;
  initial: number;
  slice: number;
}

/** `--provider telecmi` selects every TeleCMI account; `--provider telecmi:app` one of them. */
export function selectAccounts(
  accounts: readonly CallProvider[],
  names: readonly string[] | undefined,
): CallProvider[] {
  if (!names || names.length === 0) return [...accounts];
  const known = accounts.map((account) => account.name);
  for (const name of names) {
    if (!accounts.some((account) => account.name === name || account.provider === name)) {
      throw new UsageError(
        `no provider account "${name}" can list calls; configured: ${known.join(', ') || 'none'}${
          name === 'ozonetel' ? ' (Ozonetel looks calls up by UCID: use `lookup` or `receive`)' : ''
        }`,
      );
    }
  }
  return accounts.filter(
    (account) => names.includes(account.name) || names.includes(account.provider),
  );
}

const indianTime = (instant: Date) => formatZonedDateTime(instant, INDIA_TIME_ZONE).slice(0, 16);

function describeResult(result: AccountSyncResult): string {
  const window = `${indianTime(result.window.from)} → ${indianTime(result.window.to)} IST`;
  const counts = `${result.listed} listed, ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged`;
  return result.ok
    ? `${result.account}  ${window}  ${counts}`
    : `${result.account}  FAILED  ${describeError(result.error)}  (${counts} before the failure)`;
}

/** Syncs the selected accounts and prints one line per account; exit 2 when any failed. */
export async function runSync(
  io: CliIo,
  store: CallStore,
  session: Session,
  options: SyncCommandOptions,
): Promise<number> {
  if (options.from && options.to && options.from.getTime() >= options.to.getTime())
    throw new UsageError('--from must be before --to');
  const accounts = selectAccounts(session.providers.listing, options.provider);
  if (accounts.length === 0) {
    line(io.stderr, 'No configured provider can list calls by time (Ozonetel: use `lookup`).');
    return exitCodes.ok;
  }
  const progress = createProgressDisplay(io.stderr);
  let results: AccountSyncResult[];
  try {
    results = await syncAccounts({
      store,
      accounts,
      from: options.from,
      to: options.to,
      lookbackMs: options.lookback,
      initialMs: options.initial,
      sliceMs: options.slice,
      now: io.now,
      signal: io.signal,
      onProgress: (update) => progress.update(update),
    });
  } finally {
    // A fatal error (a full disk) is printed next: not on the end of the progress line.
    progress.clear();
  }
  for (const result of results) line(result.ok ? io.stdout : io.stderr, describeResult(result));
  line(io.stdout, `${store.count()} calls in ${store.path}`);
  return results.every((result) => result.ok) ? exitCodes.ok : exitCodes.partial;
}
