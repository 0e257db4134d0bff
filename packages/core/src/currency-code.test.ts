import { expect, test } from 'vitest';
import { isCurrencyCode, parseCurrencyCode } from './currency-code.js';

test('ISO 4217 codes, upper-cased from what a provider sends', () => {
  expect(parseCurrencyCode('USD')).toBe('USD');
  expect(parseCurrencyCode(' inr ')).toBe('INR');
  expect(parseCurrencyCode('jpy')).toBe('JPY');
  expect(isCurrencyCode('EUR')).toBe(true);
});

test.each(['<b>', 'US', 'USDT', 'ABC', '12$', '', 'usd\n<script>'])('refuses %j', (value) => {
  expect(parseCurrencyCode(value)).toBeUndefined();
});

test('only upper case is a code as stored', () => {
  expect(isCurrencyCode('usd')).toBe(false);
  expect(isCurrencyCode('<B>')).toBe(false);
});
