// `cdr sync`'s flags and help, and its action, which loads the sync only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';
import { collect, parsePositiveInteger } from '../cli/options.ts';
import {
  addSyncTuningOptions,
  addWindowOptions,
  type SyncTuningOptions,
  type WindowOptions,
} from '../cli/shared-flags.ts';
import { type OutputOptions, outputOptions } from '../support/output.ts';

export interface SyncOptions
  extends GlobalOptions,
    WindowOptions,
    SyncTuningOptions,
    OutputOptions {
  /** Only these accounts: providers or accounts (`acme:support`). */
  provider?: string[] | undefined;
  /** Accounts synced at once (the sync's own default when not given). */
  parallel?: number | undefined;
}

export function defineSync(program: Command, host: CommandHost): Command {
  const command = program
    .command('sync')
    .description('sync calls into the database: since each account’s last sync, or a window')
    .addHelpText(
      'after',
      examples(
        'cdr sync',
        'cdr sync --provider acme:support --from 2026-11-01 --to 2026-11-08',
        'cdr --db postgres://cdr@db/cdr sync --accounts accounts.yaml',
      ),
    );
  return addSyncTuningOptions(
    addWindowOptions(command, 'sync calls', host.io).option(
      '--provider <name>',
      'only these accounts: a provider or one account (acme:support); repeatable',
      collect,
    ),
  )
    .option('--parallel <count>', 'accounts synced at once (default 4)', parsePositiveInteger)
    .addOption(outputOptions()[0]!)
    .addOption(outputOptions()[1]!)
    .action(lazyAction<SyncOptions>(host, async () => (await import('./sync-command.ts')).runSync));
}
