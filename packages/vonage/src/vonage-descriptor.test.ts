import { InvalidRequestError } from '@cdr/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VonageSimulator } from './testing/vonage-simulator.js';
import { vonageDescriptor } from './vonage-descriptor.js';

let simulator: VonageSimulator;
beforeAll(async () => {
  simulator = await VonageSimulator.start({ calls: 5, now: Date.parse('2026-11-24T06:30:00Z') });
});
afterAll(() => simulator.stop());

test('reads one account named vonage from the environment, its key and signature secret secret', () => {
  expect(vonageDescriptor.fromEnvironment({})).toEqual([]);
  const [account] = vonageDescriptor.fromEnvironment({
    VONAGE_APPLICATION_ID: simulator.applicationId,
    VONAGE_PRIVATE_KEY: simulator.privateKey,
    VONAGE_SIGNATURE_SECRET: simulator.signatureSecret,
    VONAGE_CURRENCY: 'GBP',
    VONAGE_LEG_PERSISTENCE_DAYS: '31',
  });
  expect([account!.name, account!.provider]).toEqual(['vonage', 'vonage']);
  // The environment trims values: the key is read without its final newline.
  expect(account!.secrets).toEqual([simulator.privateKey.trim(), simulator.signatureSecret]);
  expect([account!.signatureSecret, account!.currency]).toEqual([simulator.signatureSecret, 'GBP']);
  expect(account!.create().capabilities.listCalls).toMatchObject({ retentionDays: 31 });
});

test('a key on one line with \\n escapes is read as its lines', () => {
  const [account] = vonageDescriptor.fromEnvironment({
    VONAGE_APPLICATION_ID: simulator.applicationId,
    VONAGE_PRIVATE_KEY: simulator.privateKey.trim().replaceAll('\n', '\\n'),
  });
  expect(account!.secrets).toEqual([simulator.privateKey.trim()]);
});

test('a missing or bad key, or a bad persistence time, is an error naming the variable', () => {
  expect(() =>
    vonageDescriptor.fromEnvironment({ VONAGE_APPLICATION_ID: simulator.applicationId }),
  ).toThrow(/VONAGE_PRIVATE_KEY/);
  expect(() =>
    vonageDescriptor.fromEnvironment({
      VONAGE_APPLICATION_ID: simulator.applicationId,
      VONAGE_PRIVATE_KEY: 'not a key',
    }),
  ).toThrow(InvalidRequestError);
  expect(() =>
    vonageDescriptor.fromEnvironment({
      VONAGE_APPLICATION_ID: simulator.applicationId,
      VONAGE_PRIVATE_KEY: simulator.privateKey,
      VONAGE_LEG_PERSISTENCE_DAYS: 'two',
    }),
  ).toThrow(/VONAGE_LEG_PERSISTENCE_DAYS/);
});

test('every variable the descriptor reads is declared', () => {
  expect(vonageDescriptor.environment.map((variable) => variable.name)).toEqual([
    'VONAGE_APPLICATION_ID',
    'VONAGE_PRIVATE_KEY',
    'VONAGE_SIGNATURE_SECRET',
    'VONAGE_CURRENCY',
    'VONAGE_LEG_PERSISTENCE_DAYS',
    'VONAGE_BASE_URL',
  ]);
});
