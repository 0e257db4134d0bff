import type { Command } from 'commander';
import { UsageError } from '../support/usage-error.ts';

/** Every command path (`state reset`) with its long flags, read from the program itself. */
function commandFlags(program: Command): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const globalFlags = program.options.flatMap((option) => (option.long ? [option.long] : []));
  const visit = (command: Command, path: string[]) => {
    for (const child of command.commands) {
      const childPath = [...path, child.name()];
      const flags = child.options.flatMap((option) => (option.long ? [option.long] : []));
      table.set(childPath.join(' '), [...flags, ...globalFlags, '--help']);
      visit(child, childPath);
    }
  };
  table.set('', [
    ...program.commands.map((command) => command.name()),
    ...globalFlags,
    '--help',
    '--version',
  ]);
  visit(program, []);
  return table;
}

function bashScript(program: Command): string {
  const table = commandFlags(program);
  const cases = [...table]
    .filter(([path]) => path !== '')
    .map(([path, flags]) => {
      const sub =
        program.commands
          .find((command) => command.name() === path)
          ?.commands.map((command) => command.name()) ?? [];
      return `    "${path}") words="${[...sub, ...flags].join(' ')}" ;;`;
    })
    .join('\n');
  const paths = [...table.keys()]
    .filter((path) => path !== '')
    .map((path) => `"${path}"`)
    .join('|');
  return `# cdr completion for bash: source it, or append it to ~/.bashrc
_cdr() {
  local current="\${COMP_WORDS[COMP_CWORD]}" path="" word
  # The command path so far: only words that name a command (not flag values).
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "\${path:+$path }$word" in ${paths}) path="\${path:+$path }$word" ;; esac
  done
  local words
  case "$path" in
${cases}
    *) words="${table.get('')!.join(' ')}" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$current"))
}
complete -o default -F _cdr cdr`;
}

function zshScript(program: Command): string {
  return `#compdef cdr
# cdr completion for zsh: save it as _cdr in a folder of $fpath
autoload -U bashcompinit && bashcompinit
${bashScript(program)}`;
}

/** A completion script for `shell`, generated from the program's commands and flags. */
export function completionScript(shell: string, program: Command): string {
  if (shell === 'bash') return bashScript(program);
  if (shell === 'zsh') return zshScript(program);
  throw new UsageError(`no completion for "${shell}": use bash or zsh`);
}
