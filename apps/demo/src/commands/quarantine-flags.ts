// `cdr quarantine list` and `cdr quarantine retry`: their flags and help, and their actions,
// which open the store (and, to retry, the providers) only when they run.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { renamedOption } from '../cli/options.ts';
import { addSyncTuningOptions, type SyncTuningOptions } from '../cli/shared-flags.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

/** What both subcommands narrow to. */
interface QuarantineSelection {
  /** Only this provider's or this account's records (`--provider acme`, `--provider acme:support`). */
  provider?: string | undefined;
}

export interface QuarantineListOptions extends GlobalOptions, QuarantineSelection, OutputOptions {}

export interface QuarantineRetryOptions
  extends GlobalOptions,
    QuarantineSelection,
    SyncTuningOptions {}

export function defineQuarantine(program: Command, host: CommandHost): Command {
  const quarantine = program
    .command('quarantine')
    .description('the records providers sent that cannot be trusted, kept aside by the syncs');
  quarantine
    .command('list')
    .description(
      'the records kept aside: account, call, when seen, and why (--json: with their raw form)',
    )
    .option('--provider <name>', 'only this provider’s or this account’s, e.g. acme:support')
    .addOption(renamedOption('--account', '--provider'))
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .addHelpText(
      'after',
      examples('cdr quarantine list', 'cdr quarantine list --json | jq .records[0].raw'),
    )
    .action(
      lazyAction<QuarantineListOptions>(
        host,
        async () => (await import('./quarantine-command.ts')).runQuarantineList,
      ),
    );
  addSyncTuningOptions(
    quarantine
      .command('retry')
      .description(
        'list again the windows the records came from: one now readable is stored and released, one still bad stays',
      )
      .option('--provider <name>', 'only this provider’s or this account’s, e.g. acme:support')
      .addOption(renamedOption('--account', '--provider'))
      .addHelpText(
        'after',
        examples('cdr quarantine retry', 'cdr quarantine retry --provider acme:support'),
      ),
  ).action(
    lazyAction<QuarantineRetryOptions>(
      host,
      async () => (await import('./quarantine-command.ts')).runQuarantineRetry,
    ),
  );
  return quarantine;
}
