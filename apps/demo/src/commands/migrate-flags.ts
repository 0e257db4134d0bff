// `cdr migrate`'s help, and its action, which opens the store only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';

/** `migrate` has no flag of its own. */
export type MigrateOptions = GlobalOptions;

export function defineMigrate(program: Command, host: CommandHost): Command {
  return program
    .command('migrate')
    .description(
      'upgrade the database’s schema, saying which steps it applies (reading commands never do; sync and worker do on start)',
    )
    .addHelpText('after', examples('cdr migrate', 'cdr --db postgres://cdr@db/cdr migrate'))
    .action(
      lazyAction<MigrateOptions>(
        host,
        async () => (await import('./migrate-command.ts')).runMigrate,
      ),
    );
}
