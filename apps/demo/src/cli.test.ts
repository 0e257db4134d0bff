import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import {
  cli,
  startTestWorld,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
  testNow,
} from './test-support.ts';

let world: TestWorld;
let database: string;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 300 } });
  database = temporaryDatabase();
  const sync = await cli(['--db', database, 'sync', '--initial', '4d'], world.env);
  expect(sync.exitCode).toBe(0);
});
afterAll(() => world.stop());

describe('calls', () => {
  test('filters by direction and status, newest first, with a count', async () => {
    const run = await cli(
      ['--db', database, 'calls', '--status', 'missed', '--direction', 'outbound', '--limit', '3'],
      {},
    );
    expect(run.exitCode).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    const missed = telecmiTruth(world).filter(
      (call) => call.direction === 'outbound' && call.status === 'missed',
    ).length;
    expect(rows.at(-1)).toBe(`3 of ${missed} matching calls`);
    expect(rows.slice(2, 5).every((row) => / outbound +missed /.test(row))).toBe(true);
    const times = rows.slice(2, 5).map((row) => row.slice(0, 19));
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('filters by number however it is written, and by agent', async () => {
    const call = world.telecmi
      .calls('piopiy-app')
      .find((candidate) => candidate.direction === 'outbound')!;
    const digits = String(call.record.to).slice(-10);
    for (const written of [`+91${digits}`, `0${digits}`, digits]) {
      const run = await cli(['--db', database, 'calls', '--number', written, '--limit', '500'], {});
      expect(run.stdout).toContain(call.id);
    }
    const agentCalls = world.telecmi
      .calls('piopiy-app')
      .filter((candidate) => candidate.agentId === call.agentId);
    const byAgent = await cli(['--db', database, 'calls', '--agent', call.agentId!], {});
    expect(byAgent.stdout).toContain(`of ${agentCalls.length} matching calls`);
  });

  test('bad flags and values: a clear message and exit 1', async () => {
    const cases: [string[], RegExp][] = [
      [['calls', '--status', 'maybe'], /argument 'maybe' is invalid. Allowed choices are answered/],
      [['calls', '--from', 'yesterday'], /option '--from <when>' argument 'yesterday' is invalid/],
      [['calls', '--limit', '0'], /whole number of 1 or more/],
      [['calls', '--colour'], /unknown option '--colour'/],
      [['sync', '--lookback', '2 hours'], /number and a unit/],
      [['sync', '--slice', '0s'], /longer than zero/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['--db', database, ...args], {});
      expect(run.exitCode, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    const window = await cli(
      ['--db', database, 'sync', '--from', '2026-11-20', '--to', '2026-11-19'],
      world.env,
    );
    expect(window.exitCode).toBe(1);
    expect(window.stderr).toContain('--from must be before --to');
  });

  test('--help everywhere', async () => {
    for (const args of [
      ['--help'],
      ['sync', '--help'],
      ['calls', '--help'],
      ['export', '--help'],
      ['report', '--help'],
      ['lookup', '--help'],
      ['receive', '--help'],
      ['demo', '--help'],
    ]) {
      const run = await cli(args, {});
      expect(run.exitCode, args.join(' ')).toBe(0);
      expect(run.stdout).toContain('Usage: cdr-demo');
    }
  });
});

describe('configuration', () => {
  test('half-configured credentials are refused before any request', async () => {
    const before = world.telecmi.requestCount;
    const run = await cli(['--db', temporaryDatabase(), 'sync'], { TELECMI_APP_ID: '1111113' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: TELECMI_APP_SECRET is missing: a PIOPIY app needs both its id and secret\n',
    );
    const url = await cli(['--db', temporaryDatabase(), 'sync'], {
      ...world.env,
      TELECMI_REST_URL: 'ftp://x',
    });
    expect(url.stderr).toContain('TELECMI_REST_URL is not an http(s) URL');
    expect(world.telecmi.requestCount).toBe(before);
  });

  test('Ozonetel alone cannot sync by window, and says what to use', async () => {
    const run = await cli(['--db', temporaryDatabase(), 'sync'], {
      OZONETEL_USER_NAME: world.ozonetel.userName,
      OZONETEL_API_KEY: world.ozonetel.apiKey,
      OZONETEL_BASE_URL: world.ozonetel.url,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('use `lookup`');
  });
});

describe('lookup', () => {
  test('stores found calls, reports the others, refuses non-numeric UCIDs before any request', async () => {
    const target = temporaryDatabase();
    const inRetention = world.ozonetel
      .calls()
      .filter((call) => world.ozonetel.storeOf(call) !== 'none')
      .slice(0, 3);
    const run = await cli(
      ['--db', target, 'lookup', ...inRetention.map((call) => call.ucid), '123'],
      world.env,
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('123  not found');
    expect(run.stdout).toContain(
      '4 UCIDs: 3 found and stored, 1 not found, 0 not available yet, 0 failed',
    );
    const store = CallStore.open(target);
    expect([...store.iterateCalls()].map((call) => call.id).sort()).toEqual(
      inRetention.map((call) => call.ucid).sort(),
    );
    store.close();

    const before = world.ozonetel.requestCount;
    const bad = await cli(['--db', target, 'lookup', '123', 'abc-1'], world.env);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('UCIDs are numeric; not: abc-1');
    expect(world.ozonetel.requestCount).toBe(before);
    const none = await cli(['--db', target, 'lookup'], world.env);
    expect(none.stderr).toContain('give UCIDs as arguments or with --file');
  });

  test('between 00:00 and 03:00 IST yesterday\'s calls are "not available yet", with the time in IST', async () => {
    const night = new Date('2026-11-25T01:00:00+05:30');
    world.ozonetel.setNow(night);
    try {
      const yesterday = world.ozonetel.addCall(new Date('2026-11-24T15:00:00+05:30'));
      const run = await cli(
        ['--db', temporaryDatabase(), 'lookup', yesterday.ucid, '123'],
        world.env,
        { now: () => night },
      );
      expect(run.exitCode).toBe(0);
      // Migrating to the historical store: in neither store until 03:00 IST, which is said in IST.
      expect(run.stdout).toContain(
        `${yesterday.ucid}  not available yet: readable from 2026-11-25 03:00:00 IST`,
      );
      // An unknown UCID could be yesterday's too: the same answer, never a false "not found".
      expect(run.stdout).toContain('123  not available yet');
      expect(run.stdout).toContain('2 UCIDs: 0 found and stored, 0 not found, 2 not available yet');
    } finally {
      world.ozonetel.setNow(testNow);
    }
  });

  test('bad Ozonetel credentials: each lookup fails with the typed error, exit 2', async () => {
    const [call] = world.ozonetel.calls();
    const run = await cli(['--db', temporaryDatabase(), 'lookup', call!.ucid], {
      ...world.env,
      OZONETEL_API_KEY: 'KKwrong',
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${call!.ucid} {2}FAILED {2}authentication: `, 'm'));
    expect(run.stderr).not.toContain('KKwrong');
  });
});

describe('report', () => {
  test('prints every section with figures that match the stored calls', async () => {
    const run = await cli(['--db', database, 'report'], {});
    expect(run.exitCode).toBe(0);
    for (const heading of [
      'Calls per day (India time)',
      'Totals',
      'Missed calls not yet called back:',
      'Busiest agents',
    ]) {
      expect(run.stdout).toContain(heading);
    }
    const truth = telecmiTruth(world);
    const answered = truth.filter((call) => call.status === 'answered').length;
    expect(run.stdout).toMatch(
      new RegExp(
        `^telecmi +${truth.length.toLocaleString('en-US')} +${answered.toLocaleString('en-US')} +${((answered / truth.length) * 100).toFixed(1)}%`,
        'm',
      ),
    );
  });

  test('an empty database says to sync first', async () => {
    const run = await cli(['--db', temporaryDatabase(), 'report'], {});
    expect(run.stdout).toContain('No calls stored yet');
  });
});
