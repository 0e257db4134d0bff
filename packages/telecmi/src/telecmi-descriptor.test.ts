import { type Call, InvalidRequestError } from '@cdr/core';
import { collect } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { telecmiDescriptor } from './telecmi-descriptor.js';

test('reads accounts from the environment, one per credential, named by kind', () => {
  expect(telecmiDescriptor.fromEnvironment({})).toEqual([]);
  const accounts = telecmiDescriptor.fromEnvironment({
    TELECMI_USER_TOKEN: 'user-token',
    TELECMI_APP_ID: '1111113',
    TELECMI_APP_SECRET: 'app-secret',
    TELECMI_AGENT_TOKEN: 'agent-token',
  });
  expect(accounts.map((account) => [account.name, account.secrets])).toEqual([
    ['telecmi:rest-user', ['user-token']],
    ['telecmi:piopiy-app', ['app-secret']],
    ['telecmi:piopiy-agent', ['agent-token']],
  ]);
  expect(accounts[0]!.create().name).toBe('telecmi:rest-user');
});

test.each([
  [
    { TELECMI_APP_ID: '1111113' },
    'TELECMI_APP_SECRET is missing: a PIOPIY app needs both TELECMI_APP_ID and TELECMI_APP_SECRET',
  ],
  [
    { TELECMI_REST_APP_SECRET: 's' },
    'TELECMI_REST_APP_ID is missing: a TeleCMI (CHUB) app needs both TELECMI_REST_APP_ID and TELECMI_REST_APP_SECRET',
  ],
  [{ TELECMI_APP_ID: 'abc', TELECMI_APP_SECRET: 's' }, 'TELECMI_APP_ID must be a number'],
  [
    { TELECMI_USER_TOKEN: 't', TELECMI_REST_URL: 'ftp://x/?token=HIDDEN-VALUE' },
    'TELECMI_REST_URL: expected https',
  ],
  // Overriding only the REST host for a PIOPIY account would send its secret to production.
  [
    { TELECMI_AGENT_TOKEN: 't', TELECMI_REST_URL: 'http://127.0.0.1:1' },
    '`baseUrls.piopiy` is TELECMI_PIOPIY_URL, for telecmi:piopiy-agent',
  ],
])('a half-configured environment names the variable to fix: %j', (env, message) => {
  let error: unknown;
  try {
    telecmiDescriptor.fromEnvironment(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(String(error)).toContain(message);
  expect(String(error)).not.toContain('HIDDEN-VALUE');
});

test('settings from a file are checked strictly when the account is configured', () => {
  expect(
    telecmiDescriptor.fromSettings('acme', { credentials: { kind: 'rest-user', token: 't' } }).name,
  ).toBe('acme');
  expect(() =>
    telecmiDescriptor.fromSettings('acme', { credentials: { kind: 'user', token: 't' } }),
  ).toThrow(/"user" is now "rest-user"/);
  expect(() =>
    telecmiDescriptor.fromSettings('acme', {
      credentials: { kind: 'rest-user', token: 't' },
      pagesize: 5,
    }),
  ).toThrow(/Unrecognized key: "pagesize"/);
});

test('the simulated accounts list exactly their ground truth', async () => {
  const now = new Date('2026-11-24T06:30:00Z');
  const simulation = await telecmiDescriptor.simulate({
    seed: 3,
    calls: 300,
    days: 2,
    now: () => now,
  });
  try {
    const window = { from: new Date(now.getTime() - 2 * 86_400_000), to: now };
    expect(simulation.accounts.map((account) => account.name)).toEqual([
      'telecmi:rest-user',
      'telecmi:rest-app',
      'telecmi:piopiy-app',
      'telecmi:piopiy-agent',
    ]);
    for (const account of simulation.accounts) {
      const provider = account.create();
      const ids = (await collect(provider.listCalls(window))).map((call) => call.id).sort();
      expect(ids, account.name).toEqual(simulation.expectedCallIds(account.name, window).sort());
      await provider.close?.();
    }
  } finally {
    await simulation.stop();
  }
});
