// `cdr check`'s flags and help, and its action, which loads the providers only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { collect } from '../cli/options.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

export interface CheckOptions extends GlobalOptions, OutputOptions {
  /** Only these accounts: providers or accounts, repeatable. */
  provider?: string[] | undefined;
}

export function defineCheck(program: Command, host: CommandHost): Command {
  return program
    .command('check')
    .description('test each account’s credentials with one cheap request, without syncing')
    .option('--provider <name>', 'only these accounts; repeatable', collect)
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText('after', examples('cdr check', 'cdr check --provider acme:support --json'))
    .action(
      lazyAction<CheckOptions>(host, async () => (await import('./check-command.ts')).runCheck),
    );
}
