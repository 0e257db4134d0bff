// The real `cdr` in a child process, for what only a process shows: exit codes and signals,
// a closed standard output, kill -9, a hang that must not stop the test run.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clockEnvironment, temporaryHome, testNow } from './test-support.ts';

/** The CLI's entry, run from source by the test's own Node. */
export const cdrMain = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface CdrProcessOptions {
  /** Added to the child's environment, after (and over) the defaults below. */
  env?: Record<string, string>;
  cwd?: string;
  /** Standard output: a pipe (the default), `'ignore'`, or a file descriptor. */
  stdout?: 'pipe' | 'ignore' | number;
  /**
   * The test's clock (`CDR_NOW` at `testNow`), as the test world's simulators have it, so
   * that "the last 15 days" never depends on the day the suite runs. `false` for a process
   * that must live on the machine's clock (a worker polling its queue).
   */
  testClock?: boolean;
}

/**
 * Starts `cdr` with only PATH, a home folder of its own, libfaketime's variables when the
 * suite runs at a moved clock, India's zone as the machine's (`TZ`: what the tests read never
 * depends on the zone of the machine running them; a test may give its own), then
 * `options.env`.
 */
export function spawnCdr(args: readonly string[], options: CdrProcessOptions = {}): ChildProcess {
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: temporaryHome(),
      TZ: 'Asia/Kolkata',
      ...(options.testClock === false ? {} : { CDR_NOW: testNow.toISOString() }),
      ...clockEnvironment(),
      ...options.env,
    },
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
  };
  return spawn(process.execPath, [cdrMain, ...args], spawnOptions);
}

export interface CdrProcessRun {
  /** The exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What a started `cdr` printed, and how it ended, once it has. */
export function endOf(child: ChildProcess): Promise<CdrProcessRun> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `cdr` to its end (see `spawnCdr`). */
export function runCdr(
  args: readonly string[],
  options: CdrProcessOptions = {},
): Promise<CdrProcessRun> {
  return endOf(spawnCdr(args, options));
}
