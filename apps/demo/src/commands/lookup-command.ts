import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Call, formatZonedDateTime, INDIA_TIME_ZONE } from '@cdr/core';
import type { BatchLookupResult, ReportType } from '@cdr/ozonetel';
import type { CallStore } from '../call-store.ts';
import { type CliIo, exitCodes, line } from '../cli-io.ts';
import { describeError } from '../describe-error.ts';
import type { Session } from '../session.ts';
import { UsageError } from '../usage-error.ts';

export interface LookupCommandOptions {
  file?: string | undefined;
  reportType?: ReportType | undefined;
}

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
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    for (const row of text.split(/\r?\n/)) {
      const ucid = row.trim();
      if (ucid && !ucid.startsWith('#')) ucids.push(ucid);
    }
  }
  if (ucids.length === 0) throw new UsageError('give UCIDs as arguments or with --file');
  // Ozonetel accepts numeric UCIDs only: refuse the whole batch before the first request.
  const bad = ucids.filter((ucid) => !/^\d+$/.test(ucid));
  if (bad.length > 0) throw new UsageError(`UCIDs are numeric; not: ${bad.slice(0, 5).join(', ')}`);
  return [...new Set(ucids)];
}

/**
 * Looks UCIDs up within Ozonetel's budget and stores what is found like any other call,
 * in batches. Exit 2 when any lookup failed; not found and not yet available are answers.
 */
export async function runLookup(
  io: CliIo,
  store: CallStore,
  session: Session,
  ucids: readonly string[],
  options: LookupCommandOptions,
): Promise<number> {
  const ozonetel = session.providers.ozonetel;
  if (!ozonetel)
    throw new UsageError('Ozonetel is not configured: set OZONETEL_USER_NAME and OZONETEL_API_KEY');
  const counts = { found: 0, 'not-found': 0, 'not-available-yet': 0, failed: 0 };
  let batch: Call[] = [];
  const report = (result: BatchLookupResult) => {
    if (result.status === 'not-found') line(io.stdout, `${result.ucid}  not found`);
    if (result.status === 'not-available-yet')
      line(
        io.stdout,
        `${result.ucid}  not available yet: readable from ${formatZonedDateTime(result.availableAt, INDIA_TIME_ZONE)} IST`,
      );
    if (result.status === 'failed')
      line(io.stderr, `${result.ucid}  FAILED  ${describeError(result.error)}`);
  };
  for await (const result of ozonetel.lookupCalls(ucids, {
    ...(options.reportType ? { reportType: options.reportType } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  })) {
    counts[result.status]++;
    if (result.status === 'found') {
      batch.push(result.call);
      if (batch.length >= 50) {
        store.upsert(batch);
        batch = [];
      }
    } else report(result);
  }
  store.upsert(batch);
  line(
    io.stdout,
    `${ucids.length} UCIDs: ${counts.found} found and stored, ${counts['not-found']} not found, ${counts['not-available-yet']} not available yet, ${counts.failed} failed`,
  );
  return counts.failed > 0 ? exitCodes.partial : exitCodes.ok;
}
