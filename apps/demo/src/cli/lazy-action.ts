// How every command runs: its definition (a light `commands/*-flags.ts`) declares the flags
// and hands commander one of these actions, which imports the command's module only when the
// command runs (so `cdr --help` and the other commands never load it), calls its run function
// with the options typed as the definition declared them, and gives the program its exit code.
import type { Command } from 'commander';
import type { CliIo } from '../support/cli-io.ts';
import type { GlobalOptions } from './global-options.ts';

/** What a command's definition needs from the program: the run's I/O, and where its exit code goes. */
export interface CommandHost {
  readonly io: CliIo;
  readonly setExitCode: (code: number) => void;
}

/** A command's run function: the run's I/O, its parsed flags (the program's and its own), then its arguments. */
export type RunCommand<Options extends GlobalOptions, Args extends readonly unknown[] = []> = (
  io: CliIo,
  options: Options,
  ...args: Args
) => Promise<number>;

/**
 * The action of a command that takes no argument. `Options` is the definition's word for
 * what its flags parse to: commander's `optsWithGlobals` is the one place that trusts it.
 */
export function lazyAction<Options extends GlobalOptions>(
  host: CommandHost,
  load: () => Promise<RunCommand<Options>>,
): (options: unknown, command: Command) => Promise<void> {
  return async (_options, command) => {
    const options = command.optsWithGlobals<Options>();
    const run = await load();
    host.setExitCode(await run(host.io, options));
  };
}

/**
 * The action of a command that takes one argument: a string (`state reset <account>`), or
 * the strings of a variadic one (`lookup [ids...]`, `Argument` = `string[]`).
 */
export function lazyActionWithArgument<Options extends GlobalOptions, Argument = string>(
  host: CommandHost,
  load: () => Promise<RunCommand<Options, [argument: Argument]>>,
): (argument: Argument, options: unknown, command: Command) => Promise<void> {
  return async (argument, _options, command) => {
    const options = command.optsWithGlobals<Options>();
    const run = await load();
    host.setExitCode(await run(host.io, options, argument));
  };
}
