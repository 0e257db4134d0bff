// Every command's output, when its reader goes away (`cdr calls | head`) or cannot be
// written (`> /dev/full`): the real `cdr` process, spawned with a standard output that is a
// pipe closed before it writes, or /dev/full.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  cli,
  clockEnvironment,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
  temporaryHome,
  testNow,
} from '../test-support.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

interface Ended {
  code: number | null;
  stderr: string;
}

/** Runs `cdr` with `stdout` as its standard output (a closed pipe, or a file descriptor). */
function cdr(args: readonly string[], env: Record<string, string>, stdout: 'closed-pipe' | number) {
  return new Promise<Ended>((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: temporaryHome(),
        // The test's clock, as the simulators': windows never depend on the day the test runs.
        CDR_NOW: testNow.toISOString(),
        ...clockEnvironment(),
        ...env,
      },
      stdio: ['ignore', stdout === 'closed-pipe' ? 'pipe' : stdout, 'pipe'],
    });
    // The reader goes away before the command writes a byte: every write meets EPIPE.
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

let world: TestWorld;
let database: string;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 120 }, ozonetel: { calls: 10 } });
  database = temporaryDatabase();
  expect((await cli(['--db', database, 'sync', '--initial', '2d'], world.env)).exitCode).toBe(0);
});
afterAll(async () => {
  await world.stop();
});

const commandLines: readonly (readonly string[])[] = [
  ['calls'],
  ['calls', '-o', 'json'],
  ['calls', '-o', 'csv'],
  ['report'],
  ['report', '--json'],
  ['status', '--json'],
  ['export', '--format', 'ndjson'],
  ['help', 'sync'],
  ['demo', '--help'],
];

const commands = commandLines.map((args) => ({ command: args.join(' '), args }));

describe('the reader goes away', () => {
  test.each(commands)('cdr $command | head: exit 0, nothing on stderr', async ({ args }) => {
    const ended = await cdr(['--db', database, '-q', ...args], world.env, 'closed-pipe');
    expect(ended).toEqual({ code: 0, stderr: '' });
  });

  test('cdr sync --json | head: exit 0, nothing on stderr, the calls stored', async () => {
    const fresh = temporaryDatabase();
    const ended = await cdr(
      [
        '--db',
        fresh,
        'sync',
        '--from',
        new Date(testNow.getTime() - 86_400_000).toISOString(),
        '--to',
        testNow.toISOString(),
        '--json',
      ],
      world.env,
      'closed-pipe',
    );
    expect(ended).toEqual({ code: 0, stderr: '' });
    const listed = await cli(['--db', fresh, '-q', 'calls', '--json', '--limit', '1'], {});
    expect(JSON.parse(listed.stdout).total).toBeGreaterThan(0);
  });
});

describe('a full standard output', () => {
  test.each(commands.filter(({ args }) => args[0] !== 'help' && args[0] !== 'demo'))(
    'cdr $command > /dev/full: one line, exit 1',
    async ({ args }) => {
      const full = openSync('/dev/full', 'w');
      try {
        const ended = await cdr(['--db', database, '-q', ...args], world.env, full);
        expect(ended).toEqual({ code: 1, stderr: 'error: disk full writing standard output\n' });
      } finally {
        closeSync(full);
      }
    },
  );
});
