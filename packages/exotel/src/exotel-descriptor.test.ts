import { type Call, InvalidRequestError } from '@cdr/core';
import { collect } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { exotelDescriptor } from './exotel-descriptor.js';
import type { ExotelSimulator } from './testing/exotel-simulator.js';

const full = {
  EXOTEL_ACCOUNT_SID: 'acme1',
  EXOTEL_API_KEY: 'the-key',
  EXOTEL_API_TOKEN: 'the-token',
};

test('reads one account named exotel from the environment, none when unset', () => {
  expect(exotelDescriptor.fromEnvironment({})).toEqual([]);
  const accounts = exotelDescriptor.fromEnvironment({ ...full, EXOTEL_REGION: 'mumbai' });
  expect(accounts.map((account) => [account.name, account.provider, account.secrets])).toEqual([
    ['exotel', 'exotel', ['the-key', 'the-token']],
  ]);
  expect(accounts[0]!.create().name).toBe('exotel');
  // The zone its StatusCallbacks are read in: the account's, as for the API.
  expect(accounts[0]!.timeZone).toBe('Asia/Kolkata');
  const [elsewhere] = exotelDescriptor.fromEnvironment({ ...full, EXOTEL_TIME_ZONE: 'Asia/Dubai' });
  expect(elsewhere!.timeZone).toBe('Asia/Dubai');
});

test('every variable the descriptor reads is listed, with the secrets marked', () => {
  expect(exotelDescriptor.environment.map((variable) => [variable.name, variable.secret])).toEqual([
    ['EXOTEL_ACCOUNT_SID', false],
    ['EXOTEL_API_KEY', true],
    ['EXOTEL_API_TOKEN', true],
    ['EXOTEL_REGION', false],
    ['EXOTEL_BASE_URL', false],
    ['EXOTEL_TIME_ZONE', false],
    ['EXOTEL_CURRENCY', false],
  ]);
});

test.each([
  [{ EXOTEL_ACCOUNT_SID: 'acme1', EXOTEL_API_KEY: 'k' }, 'EXOTEL_API_TOKEN is missing'],
  [{ EXOTEL_API_TOKEN: 'HIDDEN-VALUE' }, 'EXOTEL_ACCOUNT_SID is missing'],
  [{ ...full, EXOTEL_REGION: 'us' }, 'EXOTEL_REGION must be singapore or mumbai'],
  [{ ...full, EXOTEL_BASE_URL: 'ftp://x/?token=HIDDEN-VALUE' }, 'EXOTEL_BASE_URL: expected https'],
  [{ ...full, EXOTEL_TIME_ZONE: 'Nowhere/Town' }, 'IANA time zone'],
])('a half-configured environment names the variable to fix: %j', (env, message) => {
  let error: unknown;
  try {
    exotelDescriptor.fromEnvironment(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(String(error)).toContain(message);
  expect(String(error)).not.toContain('HIDDEN-VALUE');
});

test('settings from a file are checked strictly', () => {
  expect(
    exotelDescriptor.fromSettings('exotel:acme', { accountSid: 'a', apiKey: 'k', apiToken: 't' })
      .name,
  ).toBe('exotel:acme');
  expect(() =>
    exotelDescriptor.fromSettings('x', { accountSid: 'a', apiKey: 'k', apiToken: 't', tokn: 1 }),
  ).toThrow(InvalidRequestError);
  expect(exotelDescriptor.secretSettings).toEqual(['apiKey', 'apiToken']);
});

test('the simulated account exotel lists its ground truth', async () => {
  const now = new Date('2026-11-24T06:30:00Z');
  const simulated = await exotelDescriptor.simulate({
    seed: 3,
    calls: 300,
    days: 2,
    now: () => now,
  });
  try {
    expect(simulated.accounts.map((account) => account.name)).toEqual(['exotel']);
    const window = { from: new Date(now.getTime() - 86_400_000), to: now };
    const provider = simulated.accounts[0]!.create({ now: () => now });
    const calls = await collect(provider.listCalls(window));
    expect(calls.map((call) => call.id).sort()).toEqual(
      [...simulated.expectedCallIds('exotel', window)].sort(),
    );
    expect(calls.every((call) => call.cost === undefined || call.cost.currency === 'INR')).toBe(
      true,
    );
    expect((simulated.simulator as ExotelSimulator).accountSid).toMatch(/^exotel/);
    expect(() => simulated.expectedCallIds('other', window)).toThrow();
  } finally {
    await simulated.stop();
  }
});
