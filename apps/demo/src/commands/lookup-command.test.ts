import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { twilioDescriptor } from '@cdr/twilio/descriptor';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  storedCalls,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

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
    ['--db', target, 'lookup', '--provider', 'ozonetel', ...found.map((call) => call.ucid), '123'],
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
  const bad = await cli(
    ['--db', target, 'lookup', '--provider', 'ozonetel', '123', 'abc-1'],
    world.env,
  );
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toBe('error: UCIDs are numeric (at most 30 digits); not: abc-1\n');
  expect(world.ozonetel.requestCount).toBe(before);
  const none = await cli(['--db', target, 'lookup'], world.env);
  expect(none.stderr).toBe('error: give call ids as arguments or with --file\n');
});

test('--file from where the user stands; --json gives each result', async () => {
  const here = mkdtempSync(join(tmpdir(), 'cdr-cwd-'));
  const [first, second] = inRetention();
  writeFileSync(join(here, 'ucids.txt'), `# today's\n${first!.ucid}\n\n${second!.ucid}\n999\n`);
  const run = await cli(
    [
      '--db',
      temporaryDatabase(),
      'lookup',
      '--provider',
      'ozonetel',
      '--file',
      'ucids.txt',
      '--json',
    ],
    world.env,
    { cwd: here },
  );
  expect(run.exitCode).toBe(0);
  const { account, results } = JSON.parse(run.stdout) as {
    account: string;
    results: { id: string; status: string; call?: { id: string } }[];
  };
  expect(account).toBe('ozonetel');
  expect(results.map((result) => [result.id, result.status])).toEqual([
    [first!.ucid, 'found'],
    [second!.ucid, 'found'],
    ['999', 'not-found'],
  ]);
  expect(results[0]!.call!.id).toBe(first!.ucid);
  const missing = await cli(
    ['--db', temporaryDatabase(), 'lookup', '--provider', 'ozonetel', '--file', 'nope.txt'],
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
      ['--db', temporaryDatabase(), 'lookup', '--provider', 'ozonetel', yesterday.ucid, '123'],
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

test('--tz: the time a call becomes readable is said in the zone times are shown in', async () => {
  const night = new Date('2026-11-25T01:00:00+05:30');
  world.ozonetel.setNow(night);
  try {
    const yesterday = world.ozonetel.addCall(new Date('2026-11-24T15:00:00+05:30'));
    const run = await cli(
      [
        '--db',
        temporaryDatabase(),
        '--tz',
        'America/New_York',
        'lookup',
        '--provider',
        'ozonetel',
        yesterday.ucid,
      ],
      world.env,
      { now: () => night },
    );
    expect(run.exitCode).toBe(0);
    // 03:00 IST on the 25th is 16:30 on the 24th in New York (EST, UTC−5).
    expect(run.stdout).toContain(
      `${yesterday.ucid}  not available yet: readable from 2026-11-24 16:30:00 America/New_York`,
    );
  } finally {
    world.ozonetel.setNow(testNow);
  }
});

test('bad Ozonetel credentials: each lookup fails with the typed error, exit 2', async () => {
  const [call] = inRetention();
  const run = await cli(
    ['--db', temporaryDatabase(), 'lookup', '--provider', 'ozonetel', call!.ucid],
    {
      ...world.env,
      OZONETEL_API_KEY: 'KKwrong',
    },
  );
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toMatch(new RegExp(`^${call!.ucid} {2}FAILED {2}authentication: `, 'm'));
  expect(run.stderr).not.toContain('KKwrong');
});

test('no Ozonetel account: one line saying how to configure one', async () => {
  const run = await cli(['--db', temporaryDatabase(), 'lookup', '--provider', 'ozonetel', '123'], {
    TELECMI_USER_TOKEN: world.env.TELECMI_USER_TOKEN!,
    TELECMI_REST_URL: world.telecmi.url,
  });
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    'error: no Ozonetel account is configured (configured: telecmi:rest-user): set OZONETEL_USER_NAME and OZONETEL_API_KEY, or add one to the accounts file\n',
  );
});

test('several accounts and no --provider: one line naming them, before any request', async () => {
  const before = world.ozonetel.requestCount;
  const run = await cli(['--db', temporaryDatabase(), 'lookup', '123'], world.env);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    'error: several accounts: choose the one to ask with --provider (ozonetel, telecmi:rest-user, telecmi:rest-app, telecmi:piopiy-app, telecmi:piopiy-agent)\n',
  );
  expect(world.ozonetel.requestCount).toBe(before);
});

test('a provider that cannot fetch a call by id says so in one line', async () => {
  const run = await cli(
    ['--db', temporaryDatabase(), 'lookup', '--provider', 'telecmi:rest-user', 'x1'],
    world.env,
  );
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    'error: unsupported: [telecmi:rest-user] telecmi cannot fetch a call by its id; list its calls instead\n',
  );
});

test('--report-type is gone, refused with why', async () => {
  const run = await cli(['lookup', '--report-type', 'historical', '123'], world.env);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain('--report-type is gone: a lookup chooses the store from the clock');
});

test('any provider with getCall: a simulated Twilio call by its SID is stored as listed', async () => {
  // The tool's simulators start from the same seed at the same clock: the same calls.
  const simulation = await twilioDescriptor.simulate({ now: () => testNow });
  const [account] = simulation.accounts;
  const window = { from: new Date(testNow.getTime() - 86_400_000), to: testNow };
  const [sid] = simulation.expectedCallIds(account!.name, window);
  const listed: unknown[] = [];
  for await (const call of account!.create().listCalls(window))
    if (call.id === sid) listed.push(call);
  await simulation.stop();
  const unknown = `CA${'0'.repeat(32)}`;
  const target = temporaryDatabase();
  const run = await cli(['--db', target, 'lookup', '--provider', 'twilio', sid!, unknown], {});
  expect(run.stderr).toBe(
    'No accounts configured: using the simulators on 127.0.0.1 (see .env.example).\n',
  );
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(`${unknown}  not found`);
  expect(run.stdout).toContain('2 call ids: 1 found and stored, 1 not found');
  const stored = await storedCalls(target);
  expect(stored.map((call) => call.id)).toEqual([sid]);
  expect(JSON.parse(JSON.stringify(stored[0]))).toEqual(JSON.parse(JSON.stringify(listed[0])));
});
