import { readFile } from 'node:fs/promises';
import type { Call } from '@cdr/core';
import type { CallLookups, LookupAnswer, ProviderDescriptor } from '@cdr/core/provider-utils';
import { formatZonedDateTime } from '@cdr/core/time';
import { providerDescriptors } from '../accounts/provider-registry.ts';
import type { Session, SessionAccount } from '../accounts/session.ts';
import type { GlobalOptions } from '../cli/global-options.ts';
import type { CallStore } from '../store/call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line, shownZone } from '../support/cli-io.ts';
import { describeError } from '../support/describe-error.ts';
import { exitCodeOf } from '../support/exit-codes.ts';
import { accountFields, errorFields, loggerOf } from '../support/logger.ts';
import { outputFormat, printJson } from '../support/output.ts';
import { userPath } from '../support/paths.ts';
import { zoneLabel } from '../support/time-zone.ts';
import { UsageError } from '../support/usage-error.ts';
import { claimDatabaseFor } from './claim-database.ts';
import { withSession, withStore } from './command-context.ts';
import type { LookupCommandOptions } from './lookup-flags.ts';

/** Calls stored in one write: a long batch of ids is committed as it goes. */
const writeBatch = 50;

/** Ids from the arguments and a file (one per line; blank lines and `#` comments skipped). */
export async function readIds(
  io: CliIo,
  args: readonly string[],
  file: string | undefined,
): Promise<string[]> {
  const ids = [...args];
  if (file) {
    let text: string;
    try {
      text = await readFile(userPath(io, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
      );
    }
    for (const row of text.split(/\r?\n/)) {
      const id = row.trim();
      if (id && !id.startsWith('#')) ids.push(id);
    }
  }
  if (ids.length === 0) throw new UsageError('give call ids as arguments or with --file');
  return [...new Set(ids)];
}

/** The account a lookup asks: the one `--provider` names, or the only one configured. */
export function lookupAccount(
  session: Session,
  selection: string | undefined,
  descriptors: readonly ProviderDescriptor[] = providerDescriptors,
): SessionAccount {
  const accounts = session.accounts.filter(
    (account) =>
      selection === undefined || account.name === selection || account.provider === selection,
  );
  const names = session.accounts.map((account) => account.name).join(', ') || 'none';
  if (accounts.length === 0) {
    const descriptor = descriptors.find((candidate) => candidate.provider === selection);
    const required = descriptor?.environment.filter((variable) => variable.required) ?? [];
    throw new UsageError(
      descriptor
        ? `no ${descriptor.displayName} account is configured (configured: ${names}): set ${required.map((variable) => variable.name).join(' and ') || 'its variables'}, or add one to the accounts file`
        : `no account "${selection}"; configured: ${names}`,
    );
  }
  if (accounts.length > 1)
    throw new UsageError(
      `several accounts: choose the one to ask with --provider (${accounts.map((account) => account.name).join(', ')})`,
    );
  return accounts[0]!;
}

/** The lookups of an account's provider: from its descriptor. */
function lookupsOf(
  account: SessionAccount,
  descriptors: readonly ProviderDescriptor[] = providerDescriptors,
): CallLookups {
  const lookups = descriptors.find(
    (descriptor) => descriptor.provider === account.provider,
  )?.lookup;
  if (!lookups) throw new UsageError(`${account.name} looks no call up by id`);
  return lookups;
}

/** Refuses the whole batch before the first request when an id can never be one. */
function checkIds(lookups: CallLookups, ids: readonly string[]): void {
  const bad = ids
    .map((id) => ({ id, problem: lookups.idProblem?.(id) }))
    .filter((entry) => entry.problem !== undefined);
  if (bad.length > 0)
    throw new UsageError(
      `${bad[0]!.problem}; not: ${bad
        .slice(0, 5)
        .map((entry) => entry.id.slice(0, 40))
        .join(', ')}`,
    );
}

/** With the run's log settings: a failed lookup is a log line on standard error. */
export interface LookupOptions extends Pick<GlobalOptions, 'logFormat' | 'verbose'> {
  json?: boolean | undefined;
}

/**
 * Looks ids up within the account's budget and stores what is found like any other call,
 * in batches. "Not found" and "not available yet" are answers; a failed lookup is a failure.
 */
export async function lookupAndStore(
  io: CliIo,
  store: CallStore,
  account: SessionAccount,
  ids: readonly string[],
  options: LookupOptions,
): Promise<{ answers: LookupAnswer[]; exitCode: number }> {
  const lookups = lookupsOf(account);
  checkIds(lookups, ids);
  // Said in the zone times are shown in (--tz), as `calls` shows them.
  const zone = shownZone(io);
  const shown = (instant: Date) => `${formatZonedDateTime(instant, zone)} ${zoneLabel(zone)}`;
  const log = loggerOf(io, options);
  const answers: LookupAnswer[] = [];
  let batch: Call[] = [];
  const flush = async () => {
    if (batch.length > 0) await store.writeSlice({ account: account.name, calls: batch });
    batch = [];
  };
  for await (const answer of lookups.lookUp(account.client(), ids, { signal: io.signal })) {
    answers.push(answer);
    if (answer.status === 'found') {
      batch.push(answer.call);
      if (batch.length >= writeBatch) await flush();
    } else if (!options.json) {
      if (answer.status === 'not-found') line(io.stdout, `${answer.id}  not found`);
      if (answer.status === 'not-available-yet')
        line(
          io.stdout,
          `${answer.id}  not available yet: readable from ${shown(answer.availableAt)}`,
        );
      if (answer.status === 'failed')
        log.error(
          'lookup failed',
          { ...accountFields(account.name), id: answer.id, ...errorFields(answer.error) },
          `${answer.id}  FAILED  ${describeError(answer.error)}`,
        );
    }
  }
  await flush();
  const count = (status: LookupAnswer['status']) =>
    answers.filter((answer) => answer.status === status).length;
  if (options.json) {
    printJson(io, {
      account: account.name,
      results: answers.map((answer) => ({
        id: answer.id,
        status: answer.status,
        ...(answer.status === 'found' ? { call: answer.call } : {}),
        ...(answer.status === 'not-available-yet' ? { availableAt: answer.availableAt } : {}),
        ...(answer.status === 'failed' ? { error: describeError(answer.error) } : {}),
      })),
    });
  } else {
    line(
      io.stdout,
      `${ids.length} ${lookups.idName}s: ${count('found')} found and stored, ${count('not-found')} not found, ${count('not-available-yet')} not available yet, ${count('failed')} failed`,
    );
  }
  return { answers, exitCode: exitCodeOf(answers.map((answer) => answer.status !== 'failed')) };
}

/** `cdr lookup <ids…>`: calls by their provider ids, from one account, stored. */
export async function runLookup(
  io: CliIo,
  options: LookupCommandOptions,
  idArguments: string[],
): Promise<number> {
  const ids = await readIds(io, idArguments, options.file);
  const json = outputFormat(options) === 'json';
  return withStore(io, options, {}, (store) =>
    withSession(io, { ...options, announce: !json && !options.quiet }, async (session) => {
      const account = lookupAccount(session, options.provider);
      // Before the database is claimed or a request sent: an id that can never be one.
      checkIds(lookupsOf(account), ids);
      await claimDatabaseFor(store, session, options);
      const { exitCode } = await lookupAndStore(io, store, account, ids, {
        json,
        logFormat: options.logFormat,
        verbose: options.verbose,
      });
      return exitCode;
    }),
  );
}
