import { expect, test } from 'vitest';
import type { Call } from '../call.js';
import { ResponseValidationError } from '../errors/index.js';
import { checkCall } from './check-call.js';

const context = { provider: 'test', endpoint: 'list' };
const call = (overrides: Partial<Call> = {}): Call => ({
  id: 'c1',
  provider: 'test',
  direction: 'inbound',
  status: 'answered',
  startedAt: new Date('2026-11-24T06:30:00Z'),
  durations: { totalSeconds: 30 },
  notes: [],
  raw: {},
  ...overrides,
});

test('a sound call passes', () => {
  expect(() => checkCall(call({ cost: { amount: 0.2, currency: 'USD' } }), context)).not.toThrow();
});

test.each([
  [
    'a currency that is no ISO 4217 code',
    { cost: { amount: 1, currency: '<B>' } },
    'cost.currency',
  ],
  ['an amount that is not a number', { cost: { amount: Number.NaN } }, 'cost.amount'],
  ['a start the mapping could not read', { startedAt: new Date(Number.NaN) }, 'startedAt'],
  ['an end before the start', { endedAt: new Date('2026-11-24T06:00:00Z') }, 'endedAt'],
  [
    'a duration the mapping could not read',
    { durations: { totalSeconds: Number.NaN } },
    'durations.totalSeconds',
  ],
] as const)('%s is named', (_what, overrides, path) => {
  const error = (() => {
    try {
      checkCall(call(overrides as Partial<Call>), context);
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect((error as ResponseValidationError).message).toContain(`call c1.${path}`);
});
