import { type Call, InvalidRequestError } from '@cdr/core';
import { collect } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { aircallDescriptor } from './aircall-descriptor.js';
import type { AircallSimulator } from './testing/aircall-simulator.js';

const key = { AIRCALL_API_ID: 'the-id', AIRCALL_API_TOKEN: 'the-token' };

test('reads one account named aircall from the environment, none when unset', () => {
  expect(aircallDescriptor.fromEnvironment({})).toEqual([]);
  // Optional variables alone configure no account (the kit's rule).
  expect(aircallDescriptor.fromEnvironment({ AIRCALL_WEBHOOK_TOKEN: 'hook-token' })).toEqual([]);
  const [account] = aircallDescriptor.fromEnvironment({
    ...key,
    AIRCALL_WEBHOOK_TOKEN: 'hook-token',
  });
  expect([account!.name, account!.provider, [...account!.secrets].sort()]).toEqual([
    'aircall',
    'aircall',
    ['hook-token', 'the-token'],
  ]);
  expect(account!.webhookToken).toBe('hook-token');
  expect(account!.create().name).toBe('aircall');
  const [oauth] = aircallDescriptor.fromEnvironment({ AIRCALL_ACCESS_TOKEN: 'the-access-token' });
  expect(oauth!.secrets).toEqual(['the-access-token']);
  expect(oauth!.webhookToken).toBeUndefined();
});

test('every variable the descriptor reads is listed, with the secrets marked', () => {
  expect(aircallDescriptor.environment.map((variable) => [variable.name, variable.secret])).toEqual(
    [
      ['AIRCALL_API_ID', false],
      ['AIRCALL_API_TOKEN', true],
      ['AIRCALL_ACCESS_TOKEN', true],
      ['AIRCALL_WEBHOOK_TOKEN', true],
      ['AIRCALL_BASE_URL', false],
    ],
  );
});

test.each([
  [{ AIRCALL_API_ID: 'the-id' }, 'AIRCALL_API_TOKEN is missing'],
  [{ AIRCALL_API_TOKEN: 'HIDDEN-VALUE' }, 'AIRCALL_API_ID is missing'],
  [{ ...key, AIRCALL_BASE_URL: 'ftp://x/?token=HIDDEN-VALUE' }, 'AIRCALL_BASE_URL'],
])('a half-configured environment names the variable to fix: %j', (env, message) => {
  let error: unknown;
  try {
    aircallDescriptor.fromEnvironment(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(String(error)).toContain(message);
  expect(String(error)).not.toContain('HIDDEN-VALUE');
});

test('the simulated account lists its ground truth and can receive pushes', async () => {
  const now = new Date('2026-11-24T06:30:00Z');
  const simulated = await aircallDescriptor.simulate({
    seed: 3,
    calls: 300,
    days: 2,
    now: () => now,
  });
  try {
    const [account] = simulated.accounts;
    expect(account!.name).toBe('aircall');
    const window = { from: new Date(now.getTime() - 86_400_000), to: now };
    const calls = await collect(account!.create({ now: () => now }).listCalls(window));
    expect(calls.map((call) => call.id).sort()).toEqual(
      [...simulated.expectedCallIds('aircall', window)].sort(),
    );
    expect(account!.webhookToken).toBe((simulated.simulator as AircallSimulator).webhookToken);
  } finally {
    await simulated.stop();
  }
});
