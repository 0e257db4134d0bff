// `cdr state reset` and `cdr state unpark`: their flags and help, and their actions, which
// open the store only when they run.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyActionWithArgument } from '../cli/lazy-action.ts';
import { parseTypedInstant, type TypedInstant } from '../cli/typed-instant.ts';
import { shownZone } from '../support/cli-io.ts';

export interface StateResetOptions extends GlobalOptions {
  /** Where the cursor goes, as typed (its offset answers in kind); cleared when absent. */
  to?: TypedInstant | undefined;
  /** Do not ask for confirmation. */
  yes?: boolean | undefined;
}

/** `state unpark` has no flag of its own. */
export type StateUnparkOptions = GlobalOptions;

export function defineState(program: Command, host: CommandHost): Command {
  const { io } = host;
  const state = program.command('state').description('move an account’s sync cursor, or unpark it');
  state
    .command('reset')
    .description(
      'move an account’s cursor back (or clear it), so the next sync lists that time again',
    )
    .argument('<account>', 'the account, e.g. acme:support')
    .option(
      '--to <when>',
      'where the cursor goes, not after now (default: cleared: the next sync starts --initial ago)',
      (value) => parseTypedInstant(value, io.now(), shownZone(io)),
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      examples('cdr state reset acme:support --to 2026-11-20', 'cdr state reset acme:sales --yes'),
    )
    .action(
      lazyActionWithArgument<StateResetOptions>(
        host,
        async () => (await import('./state-command.ts')).runStateReset,
      ),
    );
  state
    .command('unpark')
    .description('let workers sync an account again after it was parked for refused credentials')
    .argument('<account>', 'the account, e.g. acme:support')
    .addHelpText('after', examples('cdr --db postgres://cdr@db/cdr state unpark acme:support'))
    .action(
      lazyActionWithArgument<StateUnparkOptions>(
        host,
        async () => (await import('./state-command.ts')).runStateUnpark,
      ),
    );
  return state;
}
