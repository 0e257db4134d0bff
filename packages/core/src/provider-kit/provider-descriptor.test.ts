import { expect, test } from 'vitest';
import { readVariable } from './provider-descriptor.js';

test('readVariable trims a value, and a missing or blank one is unset', () => {
  const env = { SET: '  token \n', BLANK: '   ', EMPTY: '' };
  expect(readVariable(env, 'SET')).toBe('token');
  expect(readVariable(env, 'BLANK')).toBeUndefined();
  expect(readVariable(env, 'EMPTY')).toBeUndefined();
  expect(readVariable(env, 'MISSING')).toBeUndefined();
});
