import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { outputFormat, printJson } from '../cli/output.ts';
import { userPath } from '../cli/paths.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { UsageError } from '../cli/usage-error.ts';
import { fileListRows } from '../dashboard/dashboard-data.ts';
import { writeDashboardFile } from '../dashboard/write-dashboard-file.ts';
import { formatReport } from '../report/format-report.ts';
import type { ReportQuery } from '../store/report-figures.ts';
import { checkSources } from './check-sources.ts';
import { withStore } from './command-context.ts';
import { checkWindow } from './filter-options.ts';

/** The report query the flags ask for; a reversed window is a usage error. */
export function reportQueryFromOptions(options: Record<string, unknown>, now: Date): ReportQuery {
  const from = options.from as Date | undefined;
  const to = options.to as Date | undefined;
  checkWindow(from, to, now);
  const names = options.provider as string[] | undefined;
  return {
    from,
    to,
    ...(names && names.length > 0 ? { sources: names } : {}),
    direction: options.direction as ReportQuery['direction'],
    top: options.top as number | undefined,
  };
}

/**
 * `cdr report`: the figures, as text or JSON, and with `--html <file>` also as the dashboard
 * (the same figures, computed once; the file written whole or not at all, its path on
 * standard error so that standard output stays the report).
 */
export async function runReport(
  io: CliIo,
  options: GlobalOptions & Record<string, unknown>,
): Promise<number> {
  const html = options.html as string | undefined;
  if (html !== undefined && html.trim() === '')
    throw new UsageError('--html is empty: give the file to write');
  const query = reportQueryFromOptions(options, io.now());
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
