import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { expect, test, vi } from 'vitest';
import type { CliIo } from '../support/cli-io.ts';
import type { GlobalOptions } from './global-options.ts';
import {
  type CommandHost,
  lazyAction,
  lazyActionWithArgument,
  type RunCommand,
} from './lazy-action.ts';

interface GreetOptions extends GlobalOptions {
  loud?: boolean | undefined;
}

const io: CliIo = {
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  env: {},
  cwd: '/',
  home: '/',
  now: () => new Date('2026-11-24T06:30:00Z'),
};

/** A program with a global flag, `greet` run by `action`, and `other`, which does nothing. */
function programWith(action: (command: Command) => Command): Command {
  const program = new Command('cdr').exitOverride().option('-q, --quiet');
  action(program.command('greet').option('--loud'));
  program.command('other').action(() => {});
  return program;
}

test('the command’s module loads only when it runs; its run gets the program’s flags and its own, and its code goes to the program', async () => {
  const codes: number[] = [];
  const host: CommandHost = { io, setExitCode: (code) => codes.push(code) };
  const run = vi.fn<RunCommand<GreetOptions>>(async () => 3);
  const load = vi.fn(async () => run);
  const define = (command: Command) => command.action(lazyAction<GreetOptions>(host, load));

  await programWith(define).parseAsync(['other'], { from: 'user' });
  expect(load).not.toHaveBeenCalled();

  await programWith(define).parseAsync(['--quiet', 'greet', '--loud'], { from: 'user' });
  expect(load).toHaveBeenCalledTimes(1);
  expect(run).toHaveBeenCalledWith(io, { quiet: true, loud: true });
  expect(codes).toEqual([3]);
});

test('a command with an argument gets it after its options', async () => {
  const codes: number[] = [];
  const host: CommandHost = { io, setExitCode: (code) => codes.push(code) };
  const run = vi.fn<RunCommand<GreetOptions, [argument: string]>>(async () => 0);
  const define = (command: Command) =>
    command.argument('<who>').action(lazyActionWithArgument<GreetOptions>(host, async () => run));

  await programWith(define).parseAsync(['greet', 'acme'], { from: 'user' });
  expect(run).toHaveBeenCalledWith(io, {}, 'acme');
  expect(codes).toEqual([0]);
});

test('a variadic argument arrives as its strings', async () => {
  const run = vi.fn<RunCommand<GreetOptions, [argument: string[]]>>(async () => 0);
  const host: CommandHost = { io, setExitCode: () => {} };
  const define = (command: Command) =>
    command
      .argument('[who...]')
      .action(lazyActionWithArgument<GreetOptions, string[]>(host, async () => run));

  await programWith(define).parseAsync(['greet', 'acme', 'globex', '--loud'], { from: 'user' });
  expect(run).toHaveBeenCalledWith(io, { loud: true }, ['acme', 'globex']);
});
