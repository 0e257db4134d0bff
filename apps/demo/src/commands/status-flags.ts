// `cdr status`'s flags and help, and its action, which opens the store only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

/** `status` has only the output flags of its own. */
export type StatusOptions = GlobalOptions & OutputOptions;

export function defineStatus(program: Command, host: CommandHost): Command {
  return program
    .command('status')
    .description('each account: mode, last successful sync, cursor, lag, last error')
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText('after', examples('cdr status', 'cdr status --json'))
    .action(
      lazyAction<StatusOptions>(host, async () => (await import('./status-command.ts')).runStatus),
    );
}
