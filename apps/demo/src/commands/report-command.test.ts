import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
  testNow,
} from '../test-support.ts';

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
