import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Call } from '@cdr/core';
import { ManualClock } from '@cdr/core/testing';
import { OzonetelSimulator, type OzonetelSimulatorOptions } from '@cdr/ozonetel/testing';
import {
  type SimulatedTelecmiCall,
  TelecmiSimulator,
  type TelecmiSimulatorOptions,
} from '@cdr/telecmi/testing';
import { runCli } from '../cli/program.ts';
import type { CallFilter } from '../store/call-filter.ts';
import { openCallStore } from '../store/open-call-store.ts';
import type { CliIo } from '../support/cli-io.ts';

export { makeCall, temporaryDatabase } from './test-calls.ts';

/**
 * The instant the tests live at: noon in India on a fixed day, so no decision (the sync
 * window, Ozonetel's 00:00–03:00 IST store migration) depends on when the suite runs.
 * A test that needs another hour sets its world's clock and passes it to `cli`.
 */
export const testNow = new Date('2026-11-24T12:00:00+05:30');

export interface TestWorld {
  /** The world's clock, at `testNow` until a test moves it; hand `clock.now` to `cli`. */
  clock: ManualClock;
  telecmi: TelecmiSimulator;
  ozonetel: OzonetelSimulator;
  /** Environment that points the CLI at the simulators, as real credentials would. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestWorld(
  options: { telecmi?: TelecmiSimulatorOptions; ozonetel?: OzonetelSimulatorOptions } = {},
): Promise<TestWorld> {
  const clock = new ManualClock(testNow);
  const [telecmi, ozonetel] = await Promise.all([
    TelecmiSimulator.start({
      seed: 5,
      calls: 600,
      days: 3,
      now: clock.epochMs(),
      ...options.telecmi,
    }),
    // The reports budget (2 a minute) with a compressed minute, on both sides (the env below).
    OzonetelSimulator.start({
      seed: 5,
      calls: 40,
      now: clock.epochMs(),
      reportsRateLimit: { limit: 2, intervalMs: 250 },
      ...options.ozonetel,
    }),
  ]);
  const credentials = telecmi.credentials;
  return {
    clock,
    telecmi,
    ozonetel,
    env: {
      TELECMI_USER_TOKEN: credentials['rest-user'].token,
      TELECMI_REST_APP_ID: String(credentials['rest-app'].appId),
      TELECMI_REST_APP_SECRET: credentials['rest-app'].appSecret,
      TELECMI_APP_ID: String(credentials['piopiy-app'].appId),
      TELECMI_APP_SECRET: credentials['piopiy-app'].appSecret,
      TELECMI_AGENT_TOKEN: credentials['piopiy-agent'].token,
      TELECMI_REST_URL: telecmi.url,
      TELECMI_PIOPIY_URL: telecmi.url,
      OZONETEL_USER_NAME: ozonetel.userName,
      OZONETEL_API_KEY: ozonetel.apiKey,
      OZONETEL_BASE_URL: ozonetel.url,
      OZONETEL_REPORTS_RATE_LIMIT: '2/250ms',
    },
    async stop() {
      await Promise.all([telecmi.stop(), ozonetel.stop()]);
    },
  };
}

/**
 * Every TeleCMI call the test world's accounts can list: the REST user's, the REST app's
 * and the PIOPIY app's (its agent's calls are among the PIOPIY app's, with the same ids).
 */
export function telecmiTruth(world: TestWorld): SimulatedTelecmiCall[] {
  return [
    ...world.telecmi.calls('rest-user'),
    ...world.telecmi.calls('rest-app'),
    ...world.telecmi.calls('piopiy-app'),
  ];
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * The variables that move this process's clock (libfaketime, as `scripts/test-at-clock.sh`
 * sets them), for child processes started with an environment of their own: a worker or a
 * `cdr` child must see the clock the test and its simulators see, as processes on one
 * machine do. Empty when the clock is not moved.
 */
export function clockEnvironment(): Record<string, string> {
  const names = ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC'];
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

/** A home folder of its own for each run: the default database never lands in the user's. */
export function temporaryHome(): string {
  return mkdtempSync(join(tmpdir(), 'cdr-home-'));
}

/**
 * Runs the CLI in-process with captured output, on a clock fixed at `testNow` unless
 * `extra.now` says otherwise, in a fresh home folder unless `extra.home` names one.
 */
export async function cli(
  args: readonly string[],
  env: Record<string, string>,
  extra: Partial<CliIo> = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const readOut = collect(stdout);
  const readErr = collect(stderr);
  const exitCode = await runCli(args, {
    stdout,
    stderr,
    env,
    cwd: process.cwd(),
    home: extra.home ?? temporaryHome(),
    now: () => new Date(testNow),
    ...extra,
  });
  return { exitCode, stdout: readOut(), stderr: readErr() };
}

export interface RunningCli {
  /** Resolves with the first match of `pattern` in standard output or error as soon as it is printed. */
  printed(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Ends the command as Ctrl-C would, and resolves with its output and exit code. */
  stop(): Promise<CliRun>;
}

/** Starts a long-running command (`receive`) in-process, to talk to it while it runs. */
export function startCli(
  args: readonly string[],
  env: Record<string, string>,
  extra: Partial<CliIo> = {},
): RunningCli {
  const stop = new AbortController();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let printedSoFar = '';
  let outSoFar = '';
  let errSoFar = '';
  stdout.on('data', (chunk: Buffer) => {
    outSoFar += chunk.toString('utf8');
    printedSoFar += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    errSoFar += chunk.toString('utf8');
    printedSoFar += chunk.toString('utf8');
  });
  const run = cli(args, env, { stdout, stderr, signal: stop.signal, ...extra });
  return {
    printed: (pattern) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const match = printedSoFar.match(pattern);
          if (!match) return false;
          stdout.off('data', look);
          stderr.off('data', look);
          resolve(match);
          return true;
        };
        if (look()) return;
        stdout.on('data', look);
        stderr.on('data', look);
        // Ended without printing it (a usage error): say what it printed instead.
        void run.then((result) => {
          if (!look())
            reject(
              new Error(`the command ended without printing ${pattern}: ${JSON.stringify(result)}`),
            );
        });
      }),
    async stop() {
      stop.abort();
      return { ...(await run), stdout: outSoFar, stderr: errSoFar };
    },
  };
}

/** Waits until `condition` holds, looking again every few milliseconds; the test's timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The calls a database holds (all, or those `filter` selects), read through the store. */
export async function storedCalls(database: string, filter: CallFilter = {}): Promise<Call[]> {
  const store = await openCallStore(database, { mustExist: true });
  try {
    const calls: Call[] = [];
    // The calls alone, as providers list them: the account they came from is left out.
    for await (const { account: _account, ...call } of store.iterateCalls(filter)) calls.push(call);
    return calls;
  } finally {
    await store.close();
  }
}

/** An account's cursor in a database. */
export async function storedCursor(database: string, account: string): Promise<Date | undefined> {
  const store = await openCallStore(database, { mustExist: true });
  try {
    return await store.cursor(account);
  } finally {
    await store.close();
  }
}
