import { expect, test } from 'vitest';
import { backoffDelayMs, defaultRetryOptions, parseRetryAfterMs } from './retry.js';

test('full-jitter backoff grows exponentially up to the cap', () => {
  const options = { ...defaultRetryOptions, baseDelayMs: 100, maxDelayMs: 1000 };
  expect(backoffDelayMs(0, options, () => 0.999)).toBe(99);
  expect(backoffDelayMs(3, options, () => 0.5)).toBe(400);
  expect(backoffDelayMs(10, options, () => 0.999)).toBe(999);
  expect(backoffDelayMs(2, options, () => 0)).toBe(0);
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  expect(parseRetryAfterMs('2')).toBe(2000);
  expect(parseRetryAfterMs('0.5')).toBe(500);
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
  expect(parseRetryAfterMs('soon')).toBeUndefined();
  expect(parseRetryAfterMs(undefined)).toBeUndefined();
});
