// `cdr lookup`'s flags and help, and its action, which loads the providers only when it runs.
// Every provider whose descriptor looks calls up takes it (by default one `getCall` per id).
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyActionWithArgument } from '../cli/lazy-action.ts';
import { removedOption, renamedOption } from '../cli/options.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

export interface LookupCommandOptions extends GlobalOptions, OutputOptions {
  /** A file of ids, one per line. */
  file?: string | undefined;
  /** The account to ask: a provider, or one account; needed when several are configured. */
  provider?: string | undefined;
}

export function defineLookup(program: Command, host: CommandHost): Command {
  return program
    .command('lookup')
    .description('look calls up by their provider ids (a UCID, a call SID) and store them')
    .argument('[ids...]', 'the calls’ ids, as the provider gives them')
    .option('--file <path>', 'a file of ids, one per line')
    .option(
      '--provider <name>',
      'the account to ask (a provider, or one account: acme:support), when several are configured',
    )
    .addOption(renamedOption('--account', '--provider'))
    .addOption(
      removedOption(
        '--report-type',
        'a lookup chooses the store from the clock; the library’s lookupCalls takes a reportType',
      ),
    )
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText(
      'after',
      examples(
        'cdr lookup 25431234567890',
        'cdr lookup --provider acme:support 25431234567890 25431234567891',
        'cdr lookup --file ids.txt --json',
      ),
    )
    .action(
      lazyActionWithArgument<LookupCommandOptions, string[]>(
        host,
        async () => (await import('./lookup-command.ts')).runLookup,
      ),
    );
}
