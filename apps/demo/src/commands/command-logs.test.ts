// `--log-format json` for the commands besides sync, worker, receive and serve: migrate,
// schedule, state, quarantine, demo and lookup say their status on standard error as one
// JSON object per line (their output on standard output is unchanged), and as the usual
// text lines without the flag.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import {
  cli,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
  temporaryHome,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld;
const drops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 30 } });
});
afterAll(async () => {
  await world.stop();
  await Promise.all(drops.map((drop) => drop()));
});

/** Every line of standard error, parsed: a line that is not a JSON object fails the test. */
function jsonLines(stderr: string): Record<string, unknown>[] {
  const entries = stderr
    .split('\n')
    .filter((text) => text !== '')
    .map((text) => {
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line on standard error: ${text}`);
      }
    });
  for (const entry of entries) {
    expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
    expect(typeof entry.msg).toBe('string');
    // The command's clock (the in-process runs are fixed at testNow).
    expect(entry.time).toBe(testNow.toISOString());
  }
  return entries;
}

const json = ['--log-format', 'json'];

async function synced(): Promise<string> {
  const database = temporaryDatabase();
  const run = await cli(
    ['--db', database, '--quiet', 'sync', '--provider', 'telecmi:rest-user', '--initial', '1d'],
    world.env,
  );
  expect(run.exitCode, run.stderr).toBe(0);
  return database;
}

test('migrate: the same lines as text, JSON objects with --log-format json', async () => {
  const database = await synced();
  const text = await cli(['--db', database, 'migrate'], {});
  expect(text.stderr).toBe(`${database}: the schema is up to date.\n`);
  const run = await cli(['--db', database, ...json, 'migrate'], {});
  expect(run.exitCode).toBe(0);
  expect(jsonLines(run.stderr)).toEqual([
    expect.objectContaining({
      level: 'info',
      msg: `${database}: the schema is up to date.`,
      database,
    }),
  ]);
});

test('state reset and unpark: one JSON line each, with the account and its provider', async () => {
  const database = await synced();
  const reset = await cli(
    ['--db', database, ...json, 'state', 'reset', 'telecmi:rest-user', '--to', '2026-11-20', '-y'],
    {},
  );
  expect(reset.exitCode).toBe(0);
  expect(reset.stdout).toBe('');
  expect(jsonLines(reset.stderr)).toEqual([
    expect.objectContaining({
      level: 'info',
      msg: 'telecmi:rest-user: cursor at 2026-11-20 00:00:00 IST; the next sync lists from there.',
      account: 'telecmi:rest-user',
      provider: 'telecmi',
      cursor: '2026-11-19T18:30:00.000Z',
    }),
  ]);
  const unpark = await cli(['--db', database, ...json, 'state', 'unpark', 'telecmi:rest-user'], {});
  expect(unpark.exitCode).toBe(1);
  // A usage error is the run's last line, JSON too.
  expect(jsonLines(unpark.stderr)).toEqual([
    expect.objectContaining({ level: 'error', msg: expect.stringContaining('is not parked') }),
  ]);
});

test('quarantine list and retry with nothing kept aside: JSON lines; --json output unchanged', async () => {
  const database = await synced();
  const list = await cli(['--db', database, ...json, 'quarantine', 'list'], {});
  expect(list.exitCode).toBe(0);
  expect(list.stdout).toBe('');
  expect(jsonLines(list.stderr)).toEqual([
    expect.objectContaining({ level: 'info', msg: `Nothing in quarantine in ${database}.` }),
  ]);
  const listed = await cli(['--db', database, ...json, 'quarantine', 'list', '--json'], {});
  expect(JSON.parse(listed.stdout)).toEqual({ database, records: [] });
  expect(listed.stderr).toBe('');
  const retry = await cli(
    ['--db', database, ...json, 'quarantine', 'retry', '--provider', 'telecmi:rest-user'],
    world.env,
  );
  expect(retry.exitCode).toBe(0);
  const entries = jsonLines(retry.stderr);
  expect(entries.at(-1)).toMatchObject({
    level: 'info',
    msg: 'Nothing in quarantine to retry.',
    account: 'telecmi:rest-user',
    provider: 'telecmi',
  });
});

test('demo: its report on standard output, every line on standard error JSON', async () => {
  const run = await cli(
    [...json, 'demo'],
    {},
    { home: temporaryHome(), simulation: { calls: 50, latencyMs: 0 } },
  );
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stdout).toContain('Busiest agents');
  const messages = jsonLines(run.stderr).map((entry) => entry.msg);
  expect(messages).toContainEqual(expect.stringMatching(/^Demo: the simulators on 127\.0\.0\.1/));
  expect(messages).toContainEqual(expect.stringMatching(/^Dashboard: .*\.html$/));
});

test('lookup: a failed lookup is a JSON line with the account, the id and the error code', async () => {
  const [call] = world.ozonetel.calls().filter((each) => world.ozonetel.storeOf(each) !== 'none');
  const run = await cli(
    ['--db', temporaryDatabase(), ...json, 'lookup', '--provider', 'ozonetel', call!.ucid],
    {
      ...world.env,
      OZONETEL_API_KEY: 'KKwrong',
    },
  );
  expect(run.exitCode).toBe(2);
  expect(jsonLines(run.stderr)).toContainEqual(
    expect.objectContaining({
      level: 'error',
      msg: 'lookup failed',
      account: 'ozonetel',
      provider: 'ozonetel',
      id: call!.ucid,
      errorCode: 'authentication',
    }),
  );
  expect(run.stderr).not.toContain('KKwrong');
});

test('schedule (PostgreSQL): --every, --now and --off say so in JSON lines', async () => {
  const database = await createTestDatabase(inject('postgresAdminUrl'));
  drops.push(database.drop);
  const every = await cli(['--db', database.url, ...json, 'schedule', '--every', '5m'], {});
  expect(every.exitCode, every.stderr).toBe(0);
  expect(jsonLines(every.stderr)).toEqual([
    expect.objectContaining({
      level: 'info',
      msg: 'Every account is synced every 5m 00s by the running workers (`cdr worker`).',
      everyMs: 300_000,
    }),
  ]);
  const now = await cli(
    ['--db', database.url, ...json, 'schedule', '--now', '--provider', 'telecmi:rest-user'],
    world.env,
  );
  expect(now.exitCode, now.stderr).toBe(0);
  expect(now.stdout).toBe('telecmi:rest-user  queued\n');
  expect(jsonLines(now.stderr).at(-1)).toMatchObject({
    level: 'info',
    msg: '1 syncs queued for the workers.',
    queued: 1,
  });
  const off = await cli(['--db', database.url, ...json, 'schedule', '--off'], {});
  expect(off.exitCode).toBe(0);
  expect(jsonLines(off.stderr)).toEqual([
    expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^Schedule off: /) }),
  ]);
});
