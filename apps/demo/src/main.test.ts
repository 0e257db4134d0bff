// The real `cdr` process, as a user's shell runs it: what reaches stdout is the command's
// output and nothing else, errors are one line with the documented exit code, and paths and
// `.env` are read from where the user stands.
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseCall } from '@cdr/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SqliteCallStore } from './store/sqlite/sqlite-call-store.ts';
import { type CdrProcessRun, runCdr } from './testing/cdr-process.ts';
import { makeCall, startTestWorld, type TestWorld, testNow } from './testing/test-support.ts';

/**
 * Runs `cdr` as a child process from `cwd` (a fresh folder unless given), on the test's clock
 * and India's zone unless `env` says otherwise (see `spawnCdr`).
 */
function cdr(
  args: readonly string[],
  {
    env = {},
    cwd = mkdtempSync(join(tmpdir(), 'cdr-cwd-')),
  }: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CdrProcessRun> {
  return runCdr(args, { env, cwd });
}

let world: TestWorld;
let here: string;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 200 } });
  here = mkdtempSync(join(tmpdir(), 'cdr-here-'));
  // Credentials in a .env where the user stands; the database a relative path from there.
  writeFileSync(
    join(here, '.env'),
    Object.entries(world.env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
  );
  const sync = await cdr(
    ['--db', 'calls.sqlite', 'sync', '--initial', '4d', '--to', testNow.toISOString()],
    { cwd: here },
  );
  expect(sync.stderr).toMatch(new RegExp(`^\\d+ calls in ${join(here, 'calls.sqlite')}\\n$`));
  expect(sync.code).toBe(0);
});
afterAll(() => world.stop());

test('stdout is the output only: NDJSON parses line by line, --json parses whole', async () => {
  const ndjson = await cdr(['--db', 'calls.sqlite', 'export', '--format', 'ndjson'], { cwd: here });
  expect(ndjson.code).toBe(0);
  expect(ndjson.stderr).toBe('');
  const calls = ndjson.stdout
    .trimEnd()
    .split('\n')
    .map((line) => parseCall(JSON.parse(line)));
  expect(calls.length).toBe(new Set(calls.map((call) => call.id)).size);
  expect(calls.length).toBeGreaterThan(100);
  for (const args of [
    ['calls', '--json'],
    ['report', '--json'],
    ['status', '--json'],
  ]) {
    const run = await cdr(['--db', 'calls.sqlite', ...args], { cwd: here });
    expect(run.code, `${args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(0);
    expect(() => JSON.parse(run.stdout), args.join(' ')).not.toThrow();
  }
});

test('relative paths resolve from where the user stands: --out, --db, .env', async () => {
  const run = await cdr(
    ['--db', 'calls.sqlite', 'export', '--format', 'csv', '--out', 'out/calls.csv'],
    { cwd: here },
  ).catch(() => undefined);
  // The folder does not exist: named, not created behind the user's back.
  expect(run?.code).toBe(1);
  expect(run?.stderr).toBe(
    `error: cannot write ${join(here, 'out/calls.csv')}: its folder does not exist\n`,
  );
  mkdirSync(join(here, 'out'));
  const written = await cdr(
    ['--db', 'calls.sqlite', 'export', '--format', 'csv', '--out', 'out/calls.csv'],
    { cwd: here },
  );
  expect(written.code).toBe(0);
  expect(readFileSync(join(here, 'out/calls.csv'), 'utf8')).toMatch(/^provider,id,/);
  expect(readdirSync(join(here, 'out'))).toEqual(['calls.csv']);
});

test('file and database errors: one line naming the path, exit 1, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdr-bad-'));
  const garbage = join(dir, 'garbage.sqlite');
  writeFileSync(garbage, 'this is not a database at all, just text '.repeat(200));
  const foreign = join(dir, 'foreign.sqlite');
  const other = new DatabaseSync(foreign);
  other.exec('CREATE TABLE calls (x INTEGER); INSERT INTO calls VALUES (1)');
  other.close();
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as { port: number };
  const cases: [string[], RegExp][] = [
    [['--db', dir, 'calls'], new RegExp(`^error: .*${dir}.*(folder|directory)`)],
    [['--db', garbage, 'calls'], new RegExp(`^error: .*${garbage}.*not a (cdr )?database`)],
    [['--db', foreign, 'calls'], new RegExp(`^error: .*${foreign}`)],
    [
      ['--db', '/dev/null/cdr/calls.sqlite', 'sync'],
      /^error: cannot write \/dev\/null\/cdr\/calls\.sqlite: a part of its path is not a folder$/,
    ],
    [
      ['receive', '--port', String(port)],
      new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`),
    ],
    [['receive', '--port', '99999'], /^error: option '--port <port>' argument '99999' is invalid/],
    [
      ['receive', '--host', '256.1.1.1'],
      /^error: option '--host <host>' argument '256.1.1.1' is invalid/,
    ],
  ];
  try {
    for (const [args, message] of cases) {
      const run = await cdr(args);
      expect(run.code, args.join(' ')).toBe(1);
      const lines = run.stderr
        .trimEnd()
        .split('\n')
        .filter((line) => !line.startsWith('No accounts configured'));
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(message);
      expect(run.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
      expect(run.stdout, args.join(' ')).toBe('');
    }
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
  // --verbose shows the stack for a bug report.
  const verbose = await cdr(['--verbose', '--db', garbage, 'calls']);
  expect(verbose.stderr).toMatch(/\n\s+at /);
});

test('an export whose database fails mid-way leaves no file behind, and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdr-corrupt-'));
  const database = join(dir, 'calls.sqlite');
  const store = SqliteCallStore.open(database);
  const notes = [{ text: 'n'.repeat(400) }];
  const calls = Array.from({ length: 4000 }, (_, index) =>
    makeCall({
      id: `call-${index}`,
      startedAt: new Date(Date.UTC(2026, 10, 1) + index * 60_000),
      notes,
    }),
  );
  await store.writeSlice({ account: 'telecmi:rest-user', calls });
  await store.close();
  // Garbage over pages in the middle of the file: reading gets that far, then fails.
  const size = statSync(database).size;
  const file = openSync(database, 'r+');
  writeSync(file, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size * 0.6));
  closeSync(file);
  const run = await cdr([
    '--db',
    database,
    'export',
    '--format',
    'ndjson',
    '--out',
    join(dir, 'calls.ndjson'),
  ]);
  expect(run.code).toBe(1);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(new RegExp(`^error: .*${database}`));
  expect(readdirSync(dir).sort()).toEqual(['calls.sqlite']);
});

test('times and report days in the user zone: TZ=America/New_York, --tz Asia/Kathmandu; legs folded unless --legs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdr-zones-'));
  const database = join(dir, 'calls.sqlite');
  const store = SqliteCallStore.open(database);
  // 04:00 UTC: 23:00 the day before in New York, 09:45 in Kathmandu. 18:20 UTC: 13:20 in
  // New York, 00:05 the next day in Kathmandu; a Twilio <Dial> leg of it at the same time.
  const early = new Date('2026-11-20T04:00:00Z');
  const late = new Date('2026-11-20T18:20:00Z');
  await store.writeSlice({
    account: 'twilio',
    calls: [
      makeCall({ id: 'CA1', provider: 'twilio', startedAt: early }),
      makeCall({ id: 'CA2', provider: 'twilio', startedAt: late }),
      makeCall({
        id: 'CA3',
        provider: 'twilio',
        startedAt: late,
        providerFields: { parentCallSid: 'CA2' },
      }),
    ],
  });
  await store.close();
  const newYork = { env: { TZ: 'America/New_York' } };
  const calls = await cdr(['--db', database, 'calls'], newYork);
  expect(calls.code).toBe(0);
  expect(calls.stdout).toMatch(/^started \(America\/New_York\)/);
  expect(calls.stdout).toContain('2026-11-19 23:00:00');
  expect(calls.stdout).toContain('2026-11-20 13:20:00');

  type Report = { days: { day: string }[]; providers: { calls: number }[] };
  const report = async (args: string[], options = {}) => {
    const run = await cdr(['--db', database, ...args, 'report', '--json'], options);
    expect(run.code, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout) as Report;
    return { days: figures.days.map((row) => row.day), calls: figures.providers[0]?.calls };
  };
  expect(await report([], newYork)).toEqual({ days: ['2026-11-19', '2026-11-20'], calls: 2 });
  const kathmandu = ['--tz', 'Asia/Kathmandu'];
  expect(await report(kathmandu, newYork)).toEqual({
    days: ['2026-11-20', '2026-11-21'],
    calls: 2,
  });
  // --from is read in the zone: 2026-11-21 starts at 18:15 UTC in Kathmandu.
  const from = await cdr(
    ['--db', database, '--tz', 'Asia/Kathmandu', 'report', '--json', '--from', '2026-11-21'],
    newYork,
  );
  expect((JSON.parse(from.stdout) as Report).days.map((row) => row.day)).toEqual(['2026-11-21']);
  const legs = await cdr(['--db', database, 'report', '--json', '--legs'], newYork);
  expect((JSON.parse(legs.stdout) as Report).providers[0]?.calls).toBe(3);

  const bad = await cdr(['--db', database, '--tz', 'Mars/Olympus', 'calls']);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toBe(
    'error: --tz "Mars/Olympus" is not a time zone: give an IANA time zone such as Asia/Kolkata, America/New_York or UTC\n',
  );
  const badVariable = await cdr(['--db', database, 'calls'], { env: { CDR_TZ: 'IST+5' } });
  expect(badVariable.code).toBe(1);
  expect(badVariable.stderr).toMatch(/^error: CDR_TZ "IST\+5" is not a time zone/);
});
