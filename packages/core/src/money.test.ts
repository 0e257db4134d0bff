import { expect, test } from 'vitest';
import { parseMoneyAmount } from './money.js';

test('reads amounts from numbers and decimal strings', () => {
  expect(parseMoneyAmount('0.0000')).toBe(0);
  expect(parseMoneyAmount('0.1001')).toBe(0.1001);
  expect(parseMoneyAmount(0.0096)).toBe(0.0096);
  expect(parseMoneyAmount(' 12 ')).toBe(12);
});

test.each(['', 'free', '1,5', '0x10', Number.NaN, Number.POSITIVE_INFINITY])(
  'rejects %j',
  (value) => {
    expect(parseMoneyAmount(value)).toBeUndefined();
  },
);
