import { readAccountTimeZones } from '../accounts/accounts-file.ts';
import { fileListRows } from '../dashboard/dashboard-data.ts';
import { writeDashboardFile } from '../dashboard/write-dashboard-file.ts';
import { formatReport } from '../report/format-report.ts';
import type { ReportQuery } from '../store/report-figures.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line, shownZone } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { outputFormat, printJson } from '../support/output.ts';
import { userPath } from '../support/paths.ts';
import { UsageError } from '../support/usage-error.ts';
import { checkSources } from './check-sources.ts';
import { withStore } from './command-context.ts';
import { checkWindow } from './filter-options.ts';
import type { ReportOptions } from './report-flags.ts';

/** The report query the flags ask for; a reversed window is a usage error. */
export function reportQueryFromOptions(
  options: ReportOptions,
  now: Date,
  timeZone?: string,
): ReportQuery {
  const { from, to } = options;
  checkWindow(from, to, now);
  const names = options.provider;
  return {
    from,
    to,
    ...(names && names.length > 0 ? { sources: names } : {}),
    direction: options.direction,
    top: options.top,
    ...(timeZone ? { timeZone } : {}),
    ...(options.legs ? { legs: true } : {}),
  };
}

/**
 * The zone of the report's days: `--tz` when given; else, for a report of one account
 * alone (`--provider <account>`), that account's own `timeZone` in the accounts file; else
 * `CDR_TZ`, else the machine's. A report of several accounts is in one zone, the run's: an
 * account's zone is for its own report.
 */
function reportZone(io: CliIo, options: ReportOptions): string {
  const chosen = io.timeZone;
  const names = options.provider ?? [];
  if (chosen?.source !== 'flag' && names.length === 1) {
    const file = options.accounts ?? io.env.CDR_ACCOUNTS?.trim();
    const own = file ? readAccountTimeZones(userPath(io, file)).get(names[0]!) : undefined;
    if (own) return own;
  }
  return shownZone(io);
}

/**
 * `cdr report`: the figures, as text or JSON, and with `--html <file>` also as the dashboard
 * (the same figures, computed once; the file written whole or not at all, its path on
 * standard error so that standard output stays the report).
 */
export async function runReport(io: CliIo, options: ReportOptions): Promise<number> {
  const { html } = options;
  if (html !== undefined && html.trim() === '')
    throw new UsageError('--html is empty: give the file to write');
  const query = reportQueryFromOptions(options, io.now(), reportZone(io, options));
  return withStore(io, options, { mustExist: true }, async (store) => {
    await checkSources(store, query.sources);
    const figures = await store.reportFigures(
      html === undefined ? query : { ...query, breakdown: { listRows: fileListRows } },
    );
    const { breakdown: _fileOnly, ...reported } = figures;
    // Records kept aside are not in the figures: the report says how many there are.
    const quarantined = (await store.quarantined()).length;
    if (outputFormat(options) === 'json') printJson(io, { ...reported, quarantined });
    else {
      line(io.stdout, formatReport(reported));
      if (quarantined > 0)
        line(
          io.stdout,
          `\n${quarantined} record(s) the providers sent could not be trusted and are not counted here: \`cdr quarantine list\``,
        );
    }
    if (html !== undefined) {
      const path = userPath(io, html);
      await writeDashboardFile(path, figures, {
        generatedAt: io.now(),
        location: store.location,
      });
      if (!options.quiet) line(io.stderr, `Dashboard written to ${path}`);
    }
    return exitCodes.ok;
  });
}
