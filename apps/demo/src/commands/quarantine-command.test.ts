// A record that cannot be trusted, end to end: the sync keeps it aside and stores the rest
// of the window, `status` and `quarantine list` show it, and `quarantine retry` stores it
// once the provider sends it readable. And a provider that claims more calls than it
// serves: the sync ends partial, its cursor before the gap.
import { afterEach, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  storedCalls,
  storedCursor,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

/** The REST user's account alone: one account's quarantine and cursor to look at. */
function restUserOnly(current: TestWorld): Record<string, string> {
  return Object.fromEntries(
    Object.entries(current.env).filter(
      ([name]) =>
        name === 'TELECMI_USER_TOKEN' ||
        name === 'TELECMI_REST_URL' ||
        name === 'TELECMI_PIOPIY_URL',
    ),
  );
}

const window = [
  '--from',
  new Date(testNow.getTime() - 3 * 86_400_000).toISOString(),
  '--to',
  testNow.toISOString(),
];

test('a record that cannot be trusted is quarantined while the rest is stored; retry stores it once readable', async () => {
  world = await startTestWorld();
  const env = restUserOnly(world);
  const database = temporaryDatabase();
  const truth = world.telecmi
    .calls('rest-user')
    .filter(
      (call) => call.time >= testNow.getTime() - 3 * 86_400_000 && call.time < testNow.getTime(),
    );
  const bad = truth[Math.floor(truth.length / 2)]!;
  // Billed for three years: a duration no call can have.
  world.telecmi.corruptRecord(bad.id, { billedsec: 99_999_999 });

  const sync = await cli(['--db', database, 'sync', ...window], env);
  expect(sync.exitCode, sync.stderr).toBe(0);
  expect(sync.stdout).toMatch(/telecmi:rest-user .* 1 quarantined$/m);
  expect(sync.stderr).toMatch(
    /1 record\(s\) that cannot be trusted kept aside: `cdr quarantine list`/,
  );
  const stored = await storedCalls(database, { providers: ['telecmi'] });
  expect(new Set(stored.map((call) => call.id))).toEqual(
    new Set(truth.filter((call) => call.id !== bad.id).map((call) => call.id)),
  );

  const listed = await cli(['--db', database, 'quarantine', 'list', '--json'], env);
  expect(listed.exitCode).toBe(0);
  const { records } = JSON.parse(listed.stdout) as {
    records: { account: string; id: string; reason: string; raw: Record<string, unknown> }[];
  };
  expect(records.map((record) => [record.account, record.id])).toEqual([
    ['telecmi:rest-user', bad.id],
  ]);
  expect(records[0]!.reason).toMatch(/durations\.billedSeconds/);
  expect(records[0]!.raw.billedsec).toBe(99_999_999);
  // The token the account holds never reaches the quarantine.
  expect(listed.stdout).not.toContain(env.TELECMI_USER_TOKEN);
  const table = await cli(['--db', database, 'quarantine', 'list'], env);
  expect(table.stdout).toContain(bad.id);
  // --provider: a provider or one account, as every other command reads it.
  const only = async (...selection: string[]) =>
    (
      JSON.parse(
        (await cli(['--db', database, 'quarantine', 'list', '--json', ...selection], env)).stdout,
      ) as { records: unknown[] }
    ).records.length;
  expect(await only('--provider', 'telecmi')).toBe(1);
  expect(await only('--provider', 'telecmi:rest-user')).toBe(1);
  expect(await only('--provider', 'twilio')).toBe(0);
  const oldName = await cli(['--db', database, 'quarantine', 'list', '--account', 'x'], env);
  expect(oldName.exitCode).toBe(1);
  expect(oldName.stderr).toBe(
    "error: option '--account <value>' argument 'x' is invalid. --account is now --provider.\n",
  );

  const status = await cli(['--db', database, 'status', '--json'], env);
  const accounts = (
    JSON.parse(status.stdout) as { accounts: { account: string; quarantined: number }[] }
  ).accounts;
  expect(accounts.find((row) => row.account === 'telecmi:rest-user')?.quarantined).toBe(1);

  const report = await cli(['--db', database, 'report'], env);
  expect(report.stdout).toMatch(
    /1 record\(s\) the providers sent could not be trusted and are not counted here/,
  );
  const reportJson = await cli(['--db', database, 'report', '--json'], env);
  expect(JSON.parse(reportJson.stdout).quarantined).toBe(1);

  // Still bad: it stays, nothing else changes.
  const stillBad = await cli(['--db', database, 'quarantine', 'retry'], env);
  expect(stillBad.exitCode, stillBad.stderr).toBe(0);
  expect(stillBad.stderr).toMatch(/0 of 1 released; 1 still in quarantine\./);

  // The provider sends it readable again: the retry stores it and releases it.
  world.telecmi.corruptRecord(bad.id, { billedsec: bad.record.billedsec });
  const retried = await cli(['--db', database, 'quarantine', 'retry'], env);
  expect(retried.exitCode, retried.stderr).toBe(0);
  expect(retried.stderr).toMatch(/1 of 1 released; 0 still in quarantine\./);
  expect(
    (await storedCalls(database, { providers: ['telecmi'] })).map((call) => call.id),
  ).toContain(bad.id);
  const empty = await cli(['--db', database, 'quarantine', 'list', '--json'], env);
  expect(JSON.parse(empty.stdout).records).toEqual([]);
});

test('a provider that serves fewer calls than it says: partial (exit 3), warned, cursor before the gap; a rerun completes it', async () => {
  world = await startTestWorld();
  const env = restUserOnly(world);
  const database = temporaryDatabase();
  const truth = world.telecmi
    .calls('rest-user')
    .filter(
      (call) => call.time >= testNow.getTime() - 3 * 86_400_000 && call.time < testNow.getTime(),
    );
  const hidden = truth[Math.floor(truth.length / 2)]!;
  world.telecmi.hideFromListings([hidden.id]);

  const short = await cli(['--db', database, '--quiet', 'sync', ...window, '--slice', '6h'], env);
  expect(short.exitCode).toBe(3);
  // Not hidden by -q: why the run is partial.
  expect(short.stderr).toMatch(
    /telecmi:rest-user\s+INCOMPLETE\s+the provider served fewer calls than it said it has/,
  );
  const cursor = await storedCursor(database, 'telecmi:rest-user');
  expect(cursor === undefined || cursor.getTime() <= hidden.time).toBe(true);

  world.telecmi.hideFromListings([]);
  const complete = await cli(['--db', database, 'sync', ...window, '--slice', '6h'], env);
  expect(complete.exitCode, complete.stderr).toBe(0);
  expect(
    new Set((await storedCalls(database, { providers: ['telecmi'] })).map((call) => call.id)),
  ).toEqual(new Set(truth.map((call) => call.id)));
  expect((await storedCursor(database, 'telecmi:rest-user'))?.getTime()).toBe(testNow.getTime());
});
