import { type Call, InvalidRequestError } from '@cdr/core';
import { collect } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { twilioDescriptor } from './twilio-descriptor.js';

const sid = `AC${'a'.repeat(32)}`;

test('reads one account named twilio from the environment', () => {
  expect(twilioDescriptor.fromEnvironment({})).toEqual([]);
  const [byToken] = twilioDescriptor.fromEnvironment({
    TWILIO_ACCOUNT_SID: sid,
    TWILIO_AUTH_TOKEN: 'token',
  });
  expect([byToken!.name, byToken!.provider, byToken!.secrets]).toEqual([
    'twilio',
    'twilio',
    ['token'],
  ]);
  expect(byToken!.create().name).toBe('twilio');
  const [byKey] = twilioDescriptor.fromEnvironment({
    TWILIO_ACCOUNT_SID: sid,
    TWILIO_AUTH_TOKEN: 'token',
    TWILIO_API_KEY: 'SKkey',
    TWILIO_API_SECRET: 'key-secret',
    TWILIO_REGION: 'AU1',
    TWILIO_EDGE: 'sydney',
  });
  // The API key authenticates the requests; the Auth Token beside it is kept to check
  // webhooks, and is a secret like the other.
  expect(byKey!.secrets).toEqual(['key-secret', 'token']);
  expect([byToken!.accountSid, byToken!.authToken, byKey!.authToken]).toEqual([
    sid,
    'token',
    'token',
  ]);
  const [keyAlone] = twilioDescriptor.fromEnvironment({
    TWILIO_ACCOUNT_SID: sid,
    TWILIO_API_KEY: 'SKkey',
    TWILIO_API_SECRET: 'key-secret',
  });
  expect([keyAlone!.authToken, keyAlone!.secrets]).toEqual([undefined, ['key-secret']]);
});

test('every variable the descriptor reads is declared', () => {
  expect(twilioDescriptor.environment.map((variable) => variable.name)).toEqual([
    'TWILIO_ACCOUNT_SID',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_API_KEY',
    'TWILIO_API_SECRET',
    'TWILIO_SUBACCOUNT_SID',
    'TWILIO_REGION',
    'TWILIO_EDGE',
    'TWILIO_BASE_URL',
  ]);
});

test.each([
  [{ TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_ACCOUNT_SID is missing'],
  [{ TWILIO_ACCOUNT_SID: sid }, 'TWILIO_AUTH_TOKEN is missing'],
  [{ TWILIO_ACCOUNT_SID: sid, TWILIO_API_KEY: 'SKk' }, 'TWILIO_API_SECRET is missing'],
  [{ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }, 'accountSid'],
  [
    {
      TWILIO_ACCOUNT_SID: sid,
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_BASE_URL: 'ftp://x/?token=HIDDEN-VALUE',
    },
    'TWILIO_BASE_URL: expected https',
  ],
])('a half-configured environment names what to fix: %j', (env, message) => {
  let error: unknown;
  try {
    twilioDescriptor.fromEnvironment(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(String(error)).toContain(message);
  expect(String(error)).not.toContain('HIDDEN-VALUE');
});

test('settings from a file are checked strictly', () => {
  expect(twilioDescriptor.fromSettings('acme', { accountSid: sid, authToken: 't' }).name).toBe(
    'acme',
  );
  expect(() => twilioDescriptor.fromSettings('acme', { accountSid: sid, token: 't' })).toThrow(
    InvalidRequestError,
  );
});

test('simulates a seeded account named twilio whose listing is its ground truth', async () => {
  const now = new Date('2026-11-24T06:30:00Z');
  const simulated = await twilioDescriptor.simulate({ now: () => now, calls: 300, days: 2 });
  try {
    expect(simulated.accounts.map((account) => account.name)).toEqual(['twilio']);
    const window = { from: new Date(now.getTime() - 2 * 86_400_000), to: now };
    const provider = simulated.accounts[0]!.create();
    const ids = (await collect(provider.listCalls(window))).map((call) => call.id).sort();
    expect(ids).toEqual([...simulated.expectedCallIds('twilio', window)].sort());
    expect(ids.length).toBeGreaterThan(250);
    await provider.close?.();
  } finally {
    await simulated.stop();
  }
});
