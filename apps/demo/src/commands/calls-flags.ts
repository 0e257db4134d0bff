// `cdr calls`'s flags and help, and its action, which opens the store only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { parsePositiveInteger } from '../cli/options.ts';
import { addFilterOptions, type FilterOptions } from '../cli/shared-flags.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

export interface CallsOptions extends GlobalOptions, FilterOptions, OutputOptions {
  limit: number;
  offset: number;
}

export function defineCalls(program: Command, host: CommandHost): Command {
  const command = program
    .command('calls')
    .description('list stored calls, newest first')
    .addHelpText(
      'after',
      examples(
        'cdr calls --status missed --direction inbound',
        'cdr calls --number 9876543210 --json',
        'cdr calls --from 7d -o csv > calls.csv',
      ),
    );
  return addFilterOptions(command, host.io)
    .option('--limit <count>', 'how many to show', parsePositiveInteger, 50)
    .option(
      '--offset <count>',
      'skip this many first',
      (value) => (value === '0' ? 0 : parsePositiveInteger(value)),
      0,
    )
    .addOption(outputOptions(['table', 'json', 'csv'])[0]!)
    .addOption(outputOptions()[1]!)
    .action(
      lazyAction<CallsOptions>(host, async () => (await import('./calls-command.ts')).runCalls),
    );
}
