// `cdr completion`'s help, and its action, which reads the script from the program itself.
import type { Command } from 'commander';
import { examples } from '../cli/help-text.ts';
import type { CommandHost } from '../cli/lazy-action.ts';
import { line } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';

/** `program` is the whole command line, whose commands and flags the script completes. */
export function defineCompletion(program: Command, host: CommandHost): Command {
  return program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash or zsh')
    .addHelpText(
      'after',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expression for the user to type
      examples('cdr completion bash >> ~/.bashrc', 'cdr completion zsh > "${fpath[1]}/_cdr"'),
    )
    .action(async (shell: string) => {
      const { completionScript } = await import('../cli/completion.ts');
      line(host.io.stdout, completionScript(shell, program));
      host.setExitCode(exitCodes.ok);
    });
}
