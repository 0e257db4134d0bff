// `cdr export`'s flags and help, and its action, which loads the export only when it runs.
import { type Command, InvalidArgumentError } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { parseInstant } from '../cli/options.ts';
import { addFilterOptions, type FilterOptions } from '../cli/shared-flags.ts';
import { shownZone } from '../support/cli-io.ts';

export interface ExportOptions extends GlobalOptions, FilterOptions {
  format: 'ndjson' | 'csv';
  /** The file to write (atomically); standard output when absent or `-`. */
  out?: string | undefined;
  /** Only calls stored or changed since then. */
  updatedSince?: Date | undefined;
}

function parseExportFormat(value: string): ExportOptions['format'] {
  if (value !== 'ndjson' && value !== 'csv') throw new InvalidArgumentError('Use ndjson or csv.');
  return value;
}

export function defineExport(program: Command, host: CommandHost): Command {
  const { io } = host;
  const command = program
    .command('export')
    .description(
      'stream stored calls as NDJSON (whole calls) or CSV, to a file written atomically or to stdout',
    )
    .addHelpText(
      'after',
      examples(
        'cdr export --format ndjson | jq .id',
        'cdr export --format csv --out calls.csv --from 2026-11-01',
      ),
    );
  return addFilterOptions(command, io)
    .requiredOption('--format <format>', 'ndjson or csv', parseExportFormat)
    .option('--out <file>', 'write to this file (default: standard output)')
    .option(
      '--updated-since <when>',
      'only calls stored or changed since then (same forms as --from): for a pipeline picking up late changes',
      (value) => parseInstant(value, io.now(), shownZone(io)),
    )
    .action(
      lazyAction<ExportOptions>(host, async () => (await import('./export-command.ts')).runExport),
    );
}
