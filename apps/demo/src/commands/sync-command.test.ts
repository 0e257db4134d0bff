// The sync's promises, end to end: the CLI in-process, a real SQLite file, the simulators
// on 127.0.0.1. "Exact" means the stored TeleCMI calls are the simulator's calls: the same
// ids, no more, no fewer, each mapped from its record.
import { DatabaseSync } from 'node:sqlite';
import type { SimulatedTelecmiCall } from '@cdr/telecmi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  storedCalls,
  storedCursor,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

function groundTruth(current: TestWorld): Map<string, SimulatedTelecmiCall> {
  // The agent's calls are a subset of the PIOPIY app's: one call, seen through two credentials.
  return new Map(telecmiTruth(current).map((call) => [call.id, call]));
}

/** The Ozonetel calls a first sync (`--initial 4d`) lists through the reports API, by UCID. */
function ozonetelTruth(current: TestWorld): string[] {
  return current.ozonetel
    .callsBetween(new Date(testNow.getTime() - 4 * 86_400_000), testNow)
    .map((call) => call.ucid);
}

const storedTelecmi = (database: string) => storedCalls(database, { providers: ['telecmi'] });

async function expectExact(current: TestWorld, database: string) {
  const truth = groundTruth(current);
  const stored = await storedTelecmi(database);
  expect(stored.length).toBe(truth.size);
  expect(new Set(stored.map((call) => call.id))).toEqual(new Set(truth.keys()));
  for (const call of stored) {
    const expected = truth.get(call.id)!;
    expect(call.raw).toEqual(expected.record);
    expect(call.startedAt.getTime()).toBe(expected.time);
    expect(call.status).toBe(expected.status);
    expect(call.direction).toBe(expected.direction);
  }
}

const syncArgs = (database: string, ...more: string[]) => [
  '--db',
  database,
  'sync',
  '--initial',
  '4d',
  ...more,
];

describe('sync', () => {
  test('a full sync equals the ground truth; a rerun adds nothing', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    const first = await cli(syncArgs(database), world.env);
    expect(first.exitCode).toBe(0);
    // Standard error holds the total only; standard output a line per account.
    expect(first.stderr).toBe(
      `${groundTruth(world).size + ozonetelTruth(world).length} calls in ${database}\n`,
    );
    expect(first.stdout).toMatch(/^telecmi:rest-user .* listed, \d+ new, 0 updated, 0 unchanged$/m);
    await expectExact(world, database);
    // The agent's calls are also the PIOPIY app's: whichever account stores them first, the
    // other finds them unchanged.
    const counts = (label: string) =>
      [...first.stdout.matchAll(new RegExp(`(\\d+) ${label}`, 'g'))].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    // Ozonetel lists by IST day through its reports API, like TeleCMI.
    expect(first.stdout).toMatch(/^ozonetel .* listed, \d+ new, 0 updated, 0 unchanged$/m);
    const ozonetel = ozonetelTruth(world);
    expect(ozonetel.length).toBeGreaterThan(0);
    expect(
      new Set((await storedCalls(database, { providers: ['ozonetel'] })).map((call) => call.id)),
    ).toEqual(new Set(ozonetel));
    expect(counts('new')).toBe(groundTruth(world).size + ozonetel.length);
    expect(counts('unchanged')).toBe(world.telecmi.calls('piopiy-agent').length);
    // The sync computed the figures of the quarter hours it wrote: no report pays for them.
    const file = new DatabaseSync(database, { readOnly: true });
    expect(file.prepare('SELECT count(*) AS n FROM dirty_quarters').get()).toEqual({ n: 0 });
    expect(
      Number(
        (file.prepare('SELECT count(*) AS n FROM report_quarter_groups').get() as { n: number }).n,
      ),
    ).toBeGreaterThan(0);
    file.close();

    const rerun = await cli(syncArgs(database), world.env);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stdout).not.toMatch(/[1-9]\d* new/);
    expect(rerun.stdout).not.toMatch(/[1-9]\d* updated/);
    await expectExact(world, database);
  });

  test('--json: one document per run with each account’s counts; nothing else on stdout', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    const run = await cli([...syncArgs(database), '--json'], world.env);
    expect(run.exitCode).toBe(0);
    const document = JSON.parse(run.stdout) as {
      database: string;
      accounts: { account: string; ok: boolean; listed: number; inserted: number }[];
    };
    expect(document.database).toBe(database);
    expect(document.accounts.map((account) => account.account).sort()).toEqual([
      'ozonetel',
      'telecmi:piopiy-agent',
      'telecmi:piopiy-app',
      'telecmi:rest-app',
      'telecmi:rest-user',
    ]);
    expect(document.accounts.reduce((sum, account) => sum + account.inserted, 0)).toBe(
      groundTruth(world).size + ozonetelTruth(world).length,
    );
  });

  test('late calls inside the lookback and changed records are picked up; older ones wait for a window', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    const { clock } = world;
    expect((await cli(syncArgs(database), world.env, { now: clock.now })).exitCode).toBe(0);

    const now = clock.epochMs();
    const userAnswered = {
      account: 'rest-user',
      direction: 'outbound',
      status: 'answered',
    } as const;
    const late = world.telecmi.addCall(userAnswered, now - 30 * 60_000);
    const lateApp = world.telecmi.addCall(
      { account: 'piopiy-app', direction: 'outbound', status: 'missed' },
      now - 90 * 60_000,
    );
    const tooLate = world.telecmi.addCall(
      { account: 'rest-user', direction: 'inbound', status: 'missed' },
      now - 5 * 3_600_000,
    );
    const fresh = world.telecmi.addCall(userAnswered, now + 1000);
    // A note added later to a call inside the lookback.
    const added = new Set([late.id, lateApp.id, tooLate.id, fresh.id]);
    const noted = world.telecmi
      .calls('rest-user')
      .find((call) => call.time > now - 7_000_000 && !added.has(call.id));
    expect(noted).toBeDefined();
    world.telecmi.updateCall(noted!.id, (record) => {
      record.notes = [{ msg: 'Called back, resolved', date: now, agent: '101_2222223' }];
    });
    clock.advance(1100);

    const second = await cli(syncArgs(database, '--lookback', '2h'), world.env, { now: clock.now });
    expect(second.exitCode).toBe(0);
    const ids = new Set((await storedTelecmi(database)).map((call) => call.id));
    expect(ids.has(late.id)).toBe(true);
    expect(ids.has(lateApp.id)).toBe(true);
    expect(ids.has(fresh.id)).toBe(true);
    // Published five hours late, beyond the 2 h lookback: not seen by "since last sync"…
    expect(ids.has(tooLate.id)).toBe(false);
    const stored = (await storedTelecmi(database)).find((call) => call.id === noted!.id)!;
    expect(stored.notes.map((note) => note.text)).toEqual(['Called back, resolved']);
    expect(second.stdout).toMatch(/telecmi:rest-user .* 1 updated/);
    // …and caught by an explicit window, after which the store is exact again.
    const window = await cli(['--db', database, 'sync', '--from', '6h'], world.env, {
      now: clock.now,
    });
    expect(window.exitCode).toBe(0);
    await expectExact(world, database);
  });

  test('a call deleted upstream between two pages shifts the listing, and no other call is lost', async () => {
    world = await startTestWorld({ telecmi: { calls: 300 } });
    const database = temporaryDatabase();
    const current = world;
    // The REST user's answered outbound calls, newest first as TeleCMI pages them. When page 2
    // is asked for, the newest is deleted: every call moves up one place, and the first call
    // of the old page 2 is now the last of page 1, already served. A paginator that trusts
    // the pages misses it; the total shrinking between pages says to list the slice again.
    const listing = current.telecmi
      .calls('rest-user')
      .filter((call) => call.direction === 'outbound' && call.status === 'answered')
      .sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
    expect(listing.length).toBeGreaterThan(10);
    const [victim] = listing;
    const shifted = listing[10]!;
    let deleted = false;
    current.telecmi.onRequest = (_number, request) => {
      const asked = `${request.url.search} ${request.body}`;
      if (
        !deleted &&
        request.url.pathname === '/v2/user/out_cdr' &&
        /"?page"?[=:]"?2\b/.test(asked) &&
        /"?type"?[=:]"?1\b/.test(asked)
      ) {
        deleted = true;
        current.telecmi.removeCall(victim!.id);
      }
    };
    const run = await cli(
      syncArgs(database, '--slice', '4d', '--parallel', '1', '--provider', 'telecmi:rest-user'),
      current.env,
    );
    expect(run.exitCode).toBe(0);
    expect(deleted).toBe(true);
    const stored = new Set((await storedTelecmi(database)).map((call) => call.id));
    expect(stored.has(shifted.id)).toBe(true);
    for (const call of current.telecmi.calls('rest-user'))
      expect(stored.has(call.id), call.id).toBe(true);
  });

  test('with 10% injected faults (5xx, resets, truncated bodies, timeouts) the result is still exact', async () => {
    world = await startTestWorld({
      telecmi: {
        faultRate: 0.1,
        faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'slow-headers'],
        slowMs: 2500,
      },
    });
    // Each kind at least once, whatever the random draws: then 10% at random.
    for (const kind of [
      'slow-headers',
      'server-error',
      'connection-reset',
      'truncated-body',
    ] as const) {
      world.telecmi.injectFault(kind);
    }
    const database = temporaryDatabase();
    const run = await cli(
      ['--request-timeout', '400', '--retries', '8', '--quiet', ...syncArgs(database)],
      world.env,
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const produced = world.telecmi.faults.produced;
    for (const kind of [
      'server-error',
      'connection-reset',
      'slow-headers',
      'truncated-body',
    ] as const)
      expect(produced.get(kind), kind).toBeGreaterThan(0);
    const total = [...produced.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(world.telecmi.requestCount * 0.05);
    await expectExact(world, database);
  });

  test('bad credentials for one account: a clear message, exit 3 (partial), the others stored', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    const run = await cli(syncArgs(database), { ...world.env, TELECMI_APP_SECRET: 'wrong-secret' });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(
      /^telecmi:piopiy-app {2}FAILED {2}authentication: .*authentication failed/m,
    );
    expect(run.stderr).not.toContain('wrong-secret');
    expect(run.stdout).toMatch(/^telecmi:rest-user .* listed/m);
    const stored = new Set((await storedTelecmi(database)).map((call) => call.id));
    for (const call of world.telecmi.calls('rest-user')) expect(stored.has(call.id)).toBe(true);
    // The failure is remembered for `status`.
    const status = await cli(['--db', database, 'status', '--json'], world.env);
    const accounts = (
      JSON.parse(status.stdout) as { accounts: { account: string; lastError: string | null }[] }
    ).accounts;
    expect(accounts.find((account) => account.account === 'telecmi:piopiy-app')?.lastError).toMatch(
      /^authentication: /,
    );
    expect(
      accounts.find((account) => account.account === 'telecmi:rest-user')?.lastError,
    ).toBeNull();
  });

  test('every account failing is exit 2', async () => {
    world = await startTestWorld();
    const run = await cli(
      ['--retries', '0', ...syncArgs(temporaryDatabase(), '--provider', 'telecmi:rest-user')],
      {
        ...world.env,
        TELECMI_REST_URL: 'http://127.0.0.1:9',
      },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^telecmi:rest-user {2}FAILED {2}network: /m);
  });

  test('an unreachable host: network error for its accounts, the others stored', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    const run = await cli(['--retries', '0', ...syncArgs(database)], {
      ...world.env,
      TELECMI_PIOPIY_URL: 'http://127.0.0.1:9',
    });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^telecmi:piopiy-app {2}FAILED {2}network: /m);
    expect(run.stderr).toMatch(/^telecmi:piopiy-agent {2}FAILED {2}network: /m);
    expect((await storedTelecmi(database)).length).toBe(
      world.telecmi.calls('rest-user').length + world.telecmi.calls('rest-app').length,
    );
  });

  test('a disk that fills up mid-sync: one line naming the database, rows and cursor intact, a rerun after freeing space is exact', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    // 60 pages of 4 KiB hold about a third of the calls: the disk fills mid-sync.
    const full = await cli(syncArgs(database, '--slice', '1h', '--parallel', '1'), world.env, {
      store: { maxPageCount: 60 },
    });
    expect(full.exitCode).toBe(1);
    // The real cause, once, without a stack: not the failed ROLLBACK that used to replace it.
    expect(full.stderr).toBe(`error: disk full writing ${database}\n`);
    const stored = new Set((await storedTelecmi(database)).map((call) => call.id));
    expect(stored.size).toBeGreaterThan(0);
    expect(stored.size).toBeLessThan(groundTruth(world).size);
    // Whatever a cursor claims is covered is stored: the failed slice moved nothing.
    const cursor = await storedCursor(database, 'telecmi:rest-user');
    expect(cursor).toBeDefined();
    for (const call of world.telecmi.calls('rest-user')) {
      if (call.time < cursor!.getTime()) expect(stored.has(call.id)).toBe(true);
    }
    // Space freed (no cap): the rerun resumes from the cursor and ends exact.
    const rerun = await cli(['--quiet', ...syncArgs(database)], world.env);
    expect(rerun.stderr).toBe('');
    expect(rerun.exitCode).toBe(0);
    await expectExact(world, database);
  });

  test('only some accounts: --provider takes an account or a provider; an unknown one says what there is', async () => {
    world = await startTestWorld();
    const database = temporaryDatabase();
    const run = await cli(syncArgs(database, '--provider', 'telecmi:piopiy-app'), world.env);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('telecmi:rest-user');
    expect((await storedTelecmi(database)).length).toBe(world.telecmi.calls('piopiy-app').length);
    const unknown = await cli(syncArgs(database, '--provider', 'telecmi:nope'), world.env);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toBe(
      'error: no account "telecmi:nope"; configured: ozonetel, telecmi:rest-user, telecmi:rest-app, telecmi:piopiy-app, telecmi:piopiy-agent\n',
    );
    const reversed = await cli(
      ['--db', database, 'sync', '--from', '2026-11-20', '--to', '2026-11-19'],
      world.env,
    );
    expect(reversed.exitCode).toBe(1);
    expect(reversed.stderr).toBe('error: --from must be before --to\n');
  });
});
