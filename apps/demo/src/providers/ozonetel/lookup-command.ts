import { readFile } from 'node:fs/promises';
import { type Call, formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import type { BatchLookupResult, OzonetelProvider, ReportType } from '@cdr/ozonetel';
import type { SessionAccount } from '../../accounts/session.ts';
import type { CliIo } from '../../cli/cli-io.ts';
import { line } from '../../cli/cli-io.ts';
import { describeError } from '../../cli/describe-error.ts';
import { exitCodeOf } from '../../cli/exit-codes.ts';
import { outputFormat, printJson } from '../../cli/output.ts';
import { userPath } from '../../cli/paths.ts';
import type { GlobalOptions } from '../../cli/program.ts';
import { UsageError } from '../../cli/usage-error.ts';
import { claimDatabaseFor } from '../../commands/claim-database.ts';
import { withSession, withStore } from '../../commands/command-context.ts';
import type { CallStore } from '../../store/call-store.ts';

/** UCIDs from the arguments and a file (one per line; blank lines and `#` comments skipped). */
export async function readUcids(
  io: CliIo,
  args: readonly string[],
  file: string | undefined,
): Promise<string[]> {
  const ucids = [...args];
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
      const ucid = row.trim();
      if (ucid && !ucid.startsWith('#')) ucids.push(ucid);
    }
  }
  if (ucids.length === 0) throw new UsageError('give UCIDs as arguments or with --file');
  // Ozonetel accepts numeric UCIDs only: refuse the whole batch before the first request.
  const bad = ucids.filter((ucid) => !/^\d{1,30}$/.test(ucid));
  if (bad.length > 0)
    throw new UsageError(
      `UCIDs are numeric (at most 30 digits); not: ${bad
        .slice(0, 5)
        .map((ucid) => ucid.slice(0, 40))
        .join(', ')}`,
    );
  return [...new Set(ucids)];
}

export interface LookupOptions {
  file?: string | undefined;
  reportType?: ReportType | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
}

const ist = (instant: Date) => `${formatZonedDateTime(instant, INDIA_TIME_ZONE)} IST`;

/**
 * Looks UCIDs up within the account's budget and stores what is found like any other call,
 * in batches. "Not found" and "not available yet" are answers; a failed lookup is a failure.
 */
export async function lookupAndStore(
  io: CliIo,
  store: CallStore,
  account: SessionAccount,
  ucids: readonly string[],
  options: LookupOptions,
): Promise<{ results: BatchLookupResult[]; exitCode: number }> {
  const ozonetel = account.client() as OzonetelProvider;
  const results: BatchLookupResult[] = [];
  let batch: Call[] = [];
  const flush = async () => {
    if (batch.length > 0) await store.writeSlice({ account: account.name, calls: batch });
    batch = [];
  };
  for await (const result of ozonetel.lookupCalls(ucids, {
    ...(options.reportType ? { reportType: options.reportType } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  })) {
    results.push(result);
    if (result.status === 'found') {
      batch.push(result.call);
      if (batch.length >= 50) await flush();
    } else if (!options.json) {
      if (result.status === 'not-found') line(io.stdout, `${result.ucid}  not found`);
      if (result.status === 'not-available-yet')
        line(
          io.stdout,
          `${result.ucid}  not available yet: readable from ${ist(result.availableAt)}`,
        );
      if (result.status === 'failed')
        line(io.stderr, `${result.ucid}  FAILED  ${describeError(result.error)}`);
    }
  }
  await flush();
  const count = (status: BatchLookupResult['status']) =>
    results.filter((result) => result.status === status).length;
  if (options.json) {
    printJson(io, {
      results: results.map((result) => ({
        ucid: result.ucid,
        status: result.status,
        ...(result.status === 'found' ? { call: result.call } : {}),
        ...(result.status === 'not-available-yet' ? { availableAt: result.availableAt } : {}),
        ...(result.status === 'failed' ? { error: describeError(result.error) } : {}),
      })),
    });
  } else {
    line(
      io.stdout,
      `${ucids.length} UCIDs: ${count('found')} found and stored, ${count('not-found')} not found, ${count('not-available-yet')} not available yet, ${count('failed')} failed`,
    );
  }
  return { results, exitCode: exitCodeOf(results.map((result) => result.status !== 'failed')) };
}

/** `cdr lookup <ucids…>`: Ozonetel calls by UCID, stored. */
export async function runLookup(
  io: CliIo,
  options: GlobalOptions & Record<string, unknown>,
  ucidArguments: string[],
): Promise<number> {
  const ucids = await readUcids(io, ucidArguments, options.file as string | undefined);
  const json = outputFormat(options) === 'json';
  return withStore(io, options, {}, (store) =>
    withSession(io, { ...options, announce: !json && !options.quiet }, async (session) => {
      await claimDatabaseFor(store, session, options);
      const name = options.account as string | undefined;
      const accounts = session.accounts.filter(
        (account) =>
          account.provider === 'ozonetel' && (name === undefined || account.name === name),
      );
      if (accounts.length === 0)
        throw new UsageError(
          name
            ? `no Ozonetel account "${name}"`
            : 'no Ozonetel account is configured: set OZONETEL_USER_NAME and OZONETEL_API_KEY, or add one to the accounts file',
        );
      if (accounts.length > 1)
        throw new UsageError(
          `several Ozonetel accounts: choose one with --account (${accounts.map((account) => account.name).join(', ')})`,
        );
      const { exitCode } = await lookupAndStore(io, store, accounts[0]!, ucids, {
        file: options.file as string | undefined,
        reportType: options.reportType as ReportType | undefined,
        json,
      });
      return exitCode;
    }),
  );
}
