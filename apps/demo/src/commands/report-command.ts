import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import { outputFormat, printJson } from '../cli/output.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { UsageError } from '../cli/usage-error.ts';
import { formatReport } from '../report/format-report.ts';
import type { ReportQuery } from '../store/report-figures.ts';
import { withStore } from './command-context.ts';

/** The report query the flags ask for; a reversed window is a usage error. */
export function reportQueryFromOptions(options: Record<string, unknown>): ReportQuery {
  const from = options.from as Date | undefined;
  const to = options.to as Date | undefined;
  if (from && to && from.getTime() > to.getTime())
    throw new UsageError(`--from (${from.toISOString()}) is after --to (${to.toISOString()})`);
  const names = options.provider as string[] | undefined;
  return {
    from,
    to,
    ...(names && names.length > 0 ? { sources: names } : {}),
    direction: options.direction as ReportQuery['direction'],
    top: options.top as number | undefined,
  };
}

/** `cdr report`: the figures, as text or JSON. */
export async function runReport(
  io: CliIo,
  options: GlobalOptions & Record<string, unknown>,
): Promise<number> {
  const query = reportQueryFromOptions(options);
  return withStore(io, options, { mustExist: true }, async (store) => {
    const figures = await store.reportFigures(query);
    if (outputFormat(options) === 'json') printJson(io, figures);
    else line(io.stdout, formatReport(figures));
    return exitCodes.ok;
  });
}
