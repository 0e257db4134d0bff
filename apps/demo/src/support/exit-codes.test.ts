import { expect, test } from 'vitest';
import { combineExitCodes, exitCodeOf, exitCodes } from './exit-codes.ts';

test('several parts: ok, partial, or failed when every part failed', () => {
  expect(exitCodeOf([])).toBe(exitCodes.ok);
  expect(exitCodeOf([true, true])).toBe(exitCodes.ok);
  expect(exitCodeOf([true, false])).toBe(exitCodes.partial);
  expect(exitCodeOf([false, false])).toBe(exitCodes.failed);
});

test('steps in a row: a local error wins; failed only when every step failed', () => {
  const { ok, error, failed, partial } = exitCodes;
  expect(combineExitCodes([ok, ok])).toBe(ok);
  expect(combineExitCodes([ok, failed])).toBe(partial);
  expect(combineExitCodes([partial, failed])).toBe(partial);
  expect(combineExitCodes([failed, failed])).toBe(failed);
  expect(combineExitCodes([partial, error])).toBe(error);
});
