import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  storedCalls,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../../test-support.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 20 } });
});
afterAll(() => world.stop());

const inRetention = () =>
  world.ozonetel.calls().filter((call) => world.ozonetel.storeOf(call) !== 'none');

test('stores found calls, reports the others, refuses non-numeric UCIDs before any request', async () => {
  const target = temporaryDatabase();
  const found = inRetention().slice(0, 3);
  const run = await cli(
    ['--db', target, 'lookup', ...found.map((call) => call.ucid), '123'],
    world.env,
  );
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain('123  not found');
  expect(run.stdout).toContain(
    '4 UCIDs: 3 found and stored, 1 not found, 0 not available yet, 0 failed',
  );
  expect((await storedCalls(target)).map((call) => call.id).sort()).toEqual(
    found.map((call) => call.ucid).sort(),
  );

  const before = world.ozonetel.requestCount;
  const bad = await cli(['--db', target, 'lookup', '123', 'abc-1'], world.env);
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toBe('error: UCIDs are numeric (at most 30 digits); not: abc-1\n');
  expect(world.ozonetel.requestCount).toBe(before);
  const none = await cli(['--db', target, 'lookup'], world.env);
  expect(none.stderr).toBe('error: give UCIDs as arguments or with --file\n');
});

test('--file from where the user stands; --json gives each result', async () => {
  const here = mkdtempSync(join(tmpdir(), 'cdr-cwd-'));
  const [first, second] = inRetention();
  writeFileSync(join(here, 'ucids.txt'), `# today's\n${first!.ucid}\n\n${second!.ucid}\n999\n`);
  const run = await cli(
    ['--db', temporaryDatabase(), 'lookup', '--file', 'ucids.txt', '--json'],
    world.env,
    { cwd: here },
  );
  expect(run.exitCode).toBe(0);
  const { results } = JSON.parse(run.stdout) as {
    results: { ucid: string; status: string; call?: { id: string } }[];
  };
  expect(results.map((result) => [result.ucid, result.status])).toEqual([
    [first!.ucid, 'found'],
    [second!.ucid, 'found'],
    ['999', 'not-found'],
  ]);
  expect(results[0]!.call!.id).toBe(first!.ucid);
  const missing = await cli(
    ['--db', temporaryDatabase(), 'lookup', '--file', 'nope.txt'],
    world.env,
    { cwd: here },
  );
  expect(missing.stderr).toBe('error: cannot read nope.txt: no such file\n');
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
  const [call] = inRetention();
  const run = await cli(['--db', temporaryDatabase(), 'lookup', call!.ucid], {
    ...world.env,
    OZONETEL_API_KEY: 'KKwrong',
  });
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toMatch(new RegExp(`^${call!.ucid} {2}FAILED {2}authentication: `, 'm'));
  expect(run.stderr).not.toContain('KKwrong');
});

test('no Ozonetel account: one line saying how to configure one', async () => {
  const run = await cli(['--db', temporaryDatabase(), 'lookup', '123'], {
    TELECMI_USER_TOKEN: world.env.TELECMI_USER_TOKEN!,
    TELECMI_REST_URL: world.telecmi.url,
  });
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    'error: no Ozonetel account is configured: set OZONETEL_USER_NAME and OZONETEL_API_KEY, or add one to the accounts file\n',
  );
});
