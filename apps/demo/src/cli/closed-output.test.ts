// Every command's output, when its reader goes away (`cdr calls | head`) or cannot be
// written (`> /dev/full`): the real `cdr` process, spawned with a standard output that is a
// pipe closed before it writes, or /dev/full.
import { closeSync, openSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { endOf, spawnCdr } from '../testing/cdr-process.ts';
import {
  cli,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

interface Ended {
  code: number | null;
  stderr: string;
}

/** Runs `cdr` with `stdout` as its standard output (a closed pipe, or a file descriptor). */
async function cdr(
  args: readonly string[],
  env: Record<string, string>,
  stdout: 'closed-pipe' | number,
): Promise<Ended> {
  const child = spawnCdr(args, { env, stdout: stdout === 'closed-pipe' ? 'pipe' : stdout });
  // The reader goes away before the command writes a byte: every write meets EPIPE.
  child.stdout?.destroy();
  const { code, stderr } = await endOf(child);
  return { code, stderr };
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
