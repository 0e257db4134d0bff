import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SqliteCallStore } from '../store/sqlite/sqlite-call-store.ts';
import {
  cli,
  makeCall,
  startTestWorld,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld;
let database: string;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 300 } });
  database = temporaryDatabase();
  expect((await cli(['--db', database, 'sync', '--initial', '4d'], world.env)).exitCode).toBe(0);
});
afterAll(() => world.stop());

test('prints every section, with totals that match the simulator’s calls', async () => {
  const run = await cli(['--db', database, 'report'], {});
  expect(run.exitCode).toBe(0);
  for (const heading of [
    'Calls per day (India time)',
    'Totals',
    'Missed calls not yet called back:',
    'Busiest agents',
  ])
    expect(run.stdout).toContain(heading);
  const truth = [...new Map(telecmiTruth(world).map((call) => [call.id, call])).values()];
  const answered = truth.filter((call) => call.status === 'answered').length;
  expect(run.stdout).toMatch(
    new RegExp(
      `^telecmi +${truth.length.toLocaleString('en-US')} +${answered.toLocaleString('en-US')} +${((answered / truth.length) * 100).toFixed(1)}%`,
      'm',
    ),
  );
});

test('--json: the same figures as one document; --direction narrows them', async () => {
  const json = await cli(['--db', database, 'report', '--json'], {});
  const figures = JSON.parse(json.stdout) as {
    providers: { provider: string; calls: number }[];
    days: unknown[];
  };
  const truth = new Set(telecmiTruth(world).map((call) => call.id));
  // Ozonetel lists by IST day through its reports API: its calls of the synced window too.
  const ozonetel = world.ozonetel.callsBetween(
    new Date(testNow.getTime() - 4 * 86_400_000),
    testNow,
  );
  expect(figures.providers).toEqual([
    expect.objectContaining({ provider: 'ozonetel', calls: ozonetel.length }),
    expect.objectContaining({ provider: 'telecmi', calls: truth.size }),
  ]);
  const inbound = JSON.parse(
    (await cli(['--db', database, 'report', '--json', '--direction', 'inbound'], {})).stdout,
  ) as typeof figures;
  const inboundTruth = new Set(
    telecmiTruth(world)
      .filter((call) => call.direction === 'inbound')
      .map((call) => call.id),
  );
  expect(inbound.providers.find((row) => row.provider === 'telecmi')!.calls).toBe(
    inboundTruth.size,
  );
});

test('an empty database says to sync first; a window with no calls says so; a reversed one is an error', async () => {
  const empty = temporaryDatabase();
  await cli(
    [
      '--db',
      empty,
      'sync',
      '--provider',
      'telecmi:rest-user',
      '--from',
      '2020-01-01',
      '--to',
      '2020-01-02',
    ],
    world.env,
  );
  expect((await cli(['--db', empty, 'report'], {})).stdout).toBe(
    'No calls stored yet: run `cdr sync` first.\n',
  );
  expect(
    (await cli(['--db', database, 'report', '--from', '2020-01-01', '--to', '2020-01-02'], {}))
      .stdout,
  ).toBe('No calls match.\n');
  const reversed = await cli(
    ['--db', database, 'report', '--from', '2026-11-25', '--to', '2026-11-20'],
    {},
  );
  expect(reversed.exitCode).toBe(1);
  expect(reversed.stderr).toMatch(/^error: --from \(.*\) is after --to/);
});

test("a report of one account alone is in that account's own zone (accounts file), unless --tz says another", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdr-account-zone-'));
  const accounts = join(dir, 'accounts.yaml');
  writeFileSync(
    accounts,
    'accounts:\n  - name: acme-us\n    provider: twilio\n    timeZone: America/New_York\n    settings: { accountSid: { env: ACME_SID } }\n',
  );
  const own = temporaryDatabase();
  const store = SqliteCallStore.open(own);
  // 03:00 UTC: the 20th in India, the 19th in New York.
  const startedAt = new Date('2026-11-20T03:00:00Z');
  await store.writeSlice({
    account: 'acme-us',
    calls: [makeCall({ id: 'CA1', provider: 'twilio', startedAt })],
  });
  await store.close();
  const days = async (...args: string[]) => {
    const run = await cli(
      ['--db', own, '--accounts', accounts, ...args, 'report', '--json', '--provider', 'acme-us'],
      {},
    );
    expect(run.exitCode, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { days: { day: string }[] }).days.map((row) => row.day);
  };
  expect(await days()).toEqual(['2026-11-19']);
  expect(await days('--tz', 'Asia/Kolkata')).toEqual(['2026-11-20']);
  // A zone that is none is one line naming the file, line and field.
  writeFileSync(
    accounts,
    'accounts:\n  - name: acme-us\n    provider: twilio\n    timeZone: New York\n    settings: {}\n',
  );
  const refused = await cli(
    ['--db', own, '--accounts', accounts, 'report', '--provider', 'acme-us'],
    {},
  );
  expect(refused.exitCode).toBe(1);
  expect(refused.stderr).toMatch(
    /accounts\.yaml:4: accounts\[0\]\.timeZone: expected an IANA time zone/,
  );
});
