import { type Call, InvalidRequestError } from '@cdr/core';
import { expect, test } from 'vitest';
import { plivoDescriptor } from './plivo-descriptor.js';

const authId = 'MAXXXXXXXXXXXXXXXXXX';

test('reads one account named plivo from the environment, its Auth Token a secret', () => {
  expect(plivoDescriptor.fromEnvironment({})).toEqual([]);
  const [account] = plivoDescriptor.fromEnvironment({
    PLIVO_AUTH_ID: authId,
    PLIVO_AUTH_TOKEN: 'token',
    PLIVO_CURRENCY: 'EUR',
  });
  expect([account!.name, account!.provider, account!.secrets]).toEqual([
    'plivo',
    'plivo',
    ['token'],
  ]);
  expect(account!.authToken).toBe('token');
  expect(account!.mapping).toEqual({
    timeZone: 'UTC',
    currency: 'EUR',
    hangupCauseStatuses: undefined,
  });
  expect(account!.create().name).toBe('plivo');
});

test('a missing token or a bad Auth ID is one error naming the variable', () => {
  expect(() => plivoDescriptor.fromEnvironment({ PLIVO_AUTH_ID: authId })).toThrow(
    /PLIVO_AUTH_TOKEN/,
  );
  expect(() =>
    plivoDescriptor.fromEnvironment({ PLIVO_AUTH_ID: 'AC1', PLIVO_AUTH_TOKEN: 'token' }),
  ).toThrow(InvalidRequestError);
});

test('its simulator’s account lists the simulator’s calls, with no credentials', async () => {
  const now = new Date('2026-11-24T06:30:00Z');
  const simulated = await plivoDescriptor.simulate({ calls: 50, days: 2, now: () => now });
  try {
    const [account] = simulated.accounts;
    const window = { from: new Date(now.getTime() - 2 * 86_400_000), to: now };
    const provider = account!.create({ now: () => now });
    const calls: Call[] = [];
    for await (const call of provider.listCalls(window)) calls.push(call);
    expect(calls.map((call) => call.id).sort()).toEqual(
      [...simulated.expectedCallIds(account!.name, window)].sort(),
    );
    expect(calls.length).toBe(50);
    await provider.close?.();
  } finally {
    await simulated.stop();
  }
});
