import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld;
let database: string;
let ucids: string[];
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 300 } });
  database = temporaryDatabase();
  expect((await cli(['--db', database, 'sync', '--initial', '4d'], world.env)).exitCode).toBe(0);
  ucids = world.ozonetel
    .calls()
    .filter((call) => world.ozonetel.storeOf(call) !== 'none')
    .slice(0, 3)
    .map((call) => call.ucid);
  expect(
    (await cli(['--db', database, 'lookup', '--provider', 'ozonetel', ...ucids], world.env))
      .exitCode,
  ).toBe(0);
});

/** The Ozonetel calls stored: those the sync listed (the last 4 days), and those looked up. */
const ozonetelIds = () =>
  new Set([
    ...world.ozonetel
      .callsBetween(new Date(testNow.getTime() - 4 * 86_400_000), testNow)
      .map((call) => call.ucid),
    ...ucids,
  ]);
afterAll(() => world.stop());

test('filters by direction and status, newest first; the count goes to stderr', async () => {
  const run = await cli(
    ['--db', database, 'calls', '--status', 'missed', '--direction', 'outbound', '--limit', '3'],
    {},
  );
  expect(run.exitCode).toBe(0);
  const rows = run.stdout.trimEnd().split('\n');
  const missed = telecmiTruth(world).filter(
    (call) => call.direction === 'outbound' && call.status === 'missed',
  ).length;
  expect(run.stderr).toBe(`3 of ${missed} matching calls\n`);
  expect(rows).toHaveLength(5);
  expect(rows.slice(2).every((row) => / outbound +missed /.test(row))).toBe(true);
  const times = rows.slice(2).map((row) => row.slice(0, 19));
  expect([...times].sort().reverse()).toEqual(times);
});

test('filters by number however it is written, by agent, and by provider or account', async () => {
  const call = world.telecmi
    .calls('piopiy-app')
    .find((candidate) => candidate.direction === 'outbound')!;
  const digits = String(call.record.to).slice(-10);
  for (const written of [`+91${digits}`, `0${digits}`, digits]) {
    const run = await cli(['--db', database, 'calls', '--number', written, '--limit', '500'], {});
    expect(run.stdout, written).toContain(call.id);
  }
  const agentCalls = world.telecmi
    .calls('piopiy-app')
    .filter((candidate) => candidate.agentId === call.agentId);
  const byAgent = await cli(['--db', database, 'calls', '--agent', call.agentId!], {});
  expect(byAgent.stderr).toContain(`of ${agentCalls.length} matching calls`);
  const ozonetel = await cli(['--db', database, 'calls', '--provider', 'ozonetel'], {});
  expect(ozonetel.stderr).toMatch(new RegExp(`^\\d+ of ${ozonetelIds().size} matching calls\n$`));
  const account = await cli(
    ['--db', database, 'calls', '--provider', 'telecmi:rest-app', '--limit', '1'],
    {},
  );
  expect(account.stderr).toBe(`1 of ${world.telecmi.calls('rest-app').length} matching calls\n`);
});

test('unknown values are a dash, never 0; a cost has its currency', async () => {
  const ozonetel = await cli(
    ['--db', database, 'calls', '--provider', 'ozonetel', '-o', 'table'],
    {},
  );
  const [header, , ...rows] = ozonetel.stdout.trimEnd().split('\n');
  const costColumn = header!.indexOf('cost');
  // Ozonetel gives no cost.
  for (const row of rows) expect(row.slice(costColumn).trimStart()).toMatch(/^– /);
  const telecmi = await cli(
    [
      '--db',
      database,
      'calls',
      '--provider',
      'telecmi:rest-user',
      '--status',
      'answered',
      '--limit',
      '5',
    ],
    {},
  );
  // TeleCMI gives no talk time, nor the currency of its rates: said, not guessed…
  expect(telecmi.stdout).toMatch(/ – +\d+\.\d\d \(currency unknown\) /);
  expect(telecmi.stdout).not.toMatch(/ 0m 00s /);
  // …until TELECMI_CURRENCY says which (a sync stores it with each cost).
  const priced = temporaryDatabase();
  await cli(['--db', priced, 'sync', '--initial', '4d', '--provider', 'telecmi:rest-user'], {
    ...world.env,
    TELECMI_CURRENCY: 'INR',
  });
  const inRupees = await cli(['--db', priced, 'calls', '--status', 'answered', '--limit', '5'], {});
  expect(inRupees.stdout).toMatch(/ – +\d+\.\d\d INR /);
});

test('--json: a document with the total, the offset and whole calls; -o csv: a header and rows', async () => {
  const json = await cli(
    ['--db', database, 'calls', '--json', '--limit', '2', '--offset', '1'],
    {},
  );
  expect(json.exitCode).toBe(0);
  expect(json.stderr).toBe('');
  const document = JSON.parse(json.stdout) as {
    total: number;
    offset: number;
    calls: { id: string; provider: string; account: string | null }[];
  };
  // Each call names the account it came from (Ozonetel's, fetched by `lookup`, have none).
  for (const call of document.calls)
    expect(call.account).toEqual(
      call.provider === 'ozonetel' ? null : expect.stringMatching(/^telecmi:/),
    );
  expect(document.total).toBe(
    new Set(telecmiTruth(world).map((call) => call.id)).size + ozonetelIds().size,
  );
  expect(document.offset).toBe(1);
  expect(document.calls).toHaveLength(2);
  const csv = await cli(['--db', database, 'calls', '-o', 'csv', '--limit', '4'], {});
  const rows = csv.stdout.trimEnd().split('\r\n');
  expect(rows[0]).toMatch(/^provider,id,started_at,/);
  expect(rows).toHaveLength(5);
});

test('no silent empty answers: a reversed window, a number with no digits, a database that is not there', async () => {
  const reversed = await cli(
    ['--db', database, 'calls', '--from', '2026-11-25', '--to', '2026-11-20'],
    {},
  );
  expect(reversed.exitCode).toBe(1);
  expect(reversed.stderr).toBe(
    'error: --from (2026-11-24T18:30:00.000Z) is after --to (2026-11-19T18:30:00.000Z)\n',
  );
  const letters = await cli(['--db', database, 'calls', '--number', 'abc'], {});
  expect(letters.exitCode).toBe(1);
  expect(letters.stderr).toMatch(
    /^error: option '--number <number>' argument 'abc' is invalid\. Use a phone number/,
  );
  const missing = await cli(['--db', '/nonexistent/deep/cdr.sqlite', 'calls'], {});
  expect(missing.exitCode).toBe(1);
  expect(missing.stderr).toBe(
    'error: there is no database at /nonexistent/deep/cdr.sqlite: run `cdr sync` first, or give the right --db\n',
  );
  expect(missing.stdout).toBe('');
});
