import { expect, test } from 'vitest';
import { withCleanup } from './with-cleanup.ts';

test('a cleanup failing after a failure does not replace the error that caused it', async () => {
  const cleaned: string[] = [];
  await expect(
    withCleanup(
      () => {
        throw new Error('disk full writing /data/cdr.sqlite');
      },
      () => {
        cleaned.push('store');
        throw new Error('cannot close: the database is busy');
      },
    ),
  ).rejects.toThrow('disk full writing /data/cdr.sqlite');
  expect(cleaned).toEqual(['store']);
});

test('the cleanup runs once after success, and its own failure is reported', async () => {
  let closes = 0;
  expect(
    await withCleanup(
      async () => 42,
      () => closes++,
    ),
  ).toBe(42);
  expect(closes).toBe(1);
  await expect(
    withCleanup(
      async () => 42,
      async () => {
        throw new Error('close failed');
      },
    ),
  ).rejects.toThrow('close failed');
});
