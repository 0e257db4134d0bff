// `cdr demo`'s help, and its action, which loads the simulators only when it runs.
import type { Command } from 'commander';
import type { GlobalOptions } from '../cli/global-options.ts';
import { examples } from '../cli/help-text.ts';
import { type CommandHost, lazyAction } from '../cli/lazy-action.ts';

/** `demo` has no flag of its own. */
export type DemoOptions = GlobalOptions;

export function defineDemo(program: Command, host: CommandHost): Command {
  return program
    .command('demo')
    .description(
      'sync the simulated accounts into their own database, take pushes and lookups, then print the report',
    )
    .addHelpText('after', examples('cdr demo'))
    .action(lazyAction<DemoOptions>(host, async () => (await import('./demo-command.ts')).runDemo));
}
