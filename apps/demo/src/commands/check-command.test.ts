import { afterAll, beforeAll, expect, test } from 'vitest';
import { providerDescriptors } from '../accounts/provider-registry.ts';
import { cli, startTestWorld, type TestWorld, testNow } from '../testing/test-support.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 50 } });
});
afterAll(() => world.stop());

test('each account’s credentials, one cheap request each, nothing synced', async () => {
  const before = world.telecmi.requestCount;
  const run = await cli(['check'], world.env);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(/^telecmi:rest-user +telecmi +ok$/m);
  expect(run.stdout).toMatch(/^ozonetel +ozonetel +ok$/m);
  // One request per TeleCMI account (four of them).
  expect(world.telecmi.requestCount - before).toBe(4);
});

test('a rejected key fails that account only: exit 3; every account failing: exit 2', async () => {
  const partial = await cli(['check', '--json'], {
    ...world.env,
    TELECMI_APP_SECRET: 'wrong-secret',
  });
  expect(partial.exitCode).toBe(3);
  const { accounts } = JSON.parse(partial.stdout) as {
    accounts: { account: string; ok: boolean; error?: string }[];
  };
  expect(accounts.filter((account) => !account.ok).map((account) => account.account)).toEqual([
    'telecmi:piopiy-app',
  ]);
  expect(accounts.find((account) => !account.ok)!.error).toMatch(/^authentication: /);
  expect(partial.stdout).not.toContain('wrong-secret');
  const failed = await cli(['check', '--provider', 'ozonetel'], {
    ...world.env,
    OZONETEL_API_KEY: 'KKwrong',
  });
  expect(failed.exitCode).toBe(2);
  expect(failed.stdout).toMatch(/^ozonetel +ozonetel +failed: authentication: /m);
});

test('with no account configured, the simulators’ accounts are checked (and it says so)', async () => {
  const run = await cli(['check'], {}, { simulation: { calls: 10 } });
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toBe(
    'No accounts configured: using the simulators on 127.0.0.1 (see .env.example).\n',
  );
  // Every simulated account of every provider (TeleCMI's four, one each for the others), each ok.
  // Below the table's heading and its rule.
  const lines = run.stdout.trimEnd().split('\n').slice(2);
  expect(lines.length).toBeGreaterThanOrEqual(providerDescriptors.length + 3);
  expect(lines.filter((line) => !/ ok$/.test(line))).toEqual([]);
  expect(run.stdout).toMatch(/^exotel +exotel +ok$/m);
  expect(run.stdout).toMatch(/^twilio +twilio +ok$/m);
});

test('between 00:00 and 03:00 IST, Ozonetel’s "not readable yet" still proves the key', async () => {
  const night = new Date('2026-11-25T01:00:00+05:30');
  world.ozonetel.setNow(night);
  try {
    const run = await cli(['check', '--provider', 'ozonetel'], world.env, { now: () => night });
    expect(run.stdout).toMatch(/^ozonetel +ozonetel +ok$/m);
    expect(run.exitCode).toBe(0);
    const wrong = await cli(
      ['check', '--provider', 'ozonetel'],
      { ...world.env, OZONETEL_API_KEY: 'KKwrong' },
      { now: () => night },
    );
    expect(wrong.exitCode).toBe(2);
  } finally {
    world.ozonetel.setNow(testNow);
  }
});
