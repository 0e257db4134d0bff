import { expect, test } from 'vitest';
import { backoffDelayMs, defaultRetryOptions, parseRetryAfterMs } from './retry.js';

test('full-jitter backoff grows exponentially up to the cap', () => {
  const options = { ...defaultRetryOptions, baseDelayMs: 100, maxDelayMs: 1000 };
  expect(backoffDelayMs(0, options, () => 0.999)).toBe(99);
  expect(backoffDelayMs(3, options, () => 0.5)).toBe(400);
  expect(backoffDelayMs(10, options, () => 0.999)).toBe(999);
  expect(backoffDelayMs(2, options, () => 0)).toBe(0);
});

const now = new Date('2026-01-01T00:00:00Z');

test('Retry-After is read as seconds or as an HTTP date', () => {
  expect(parseRetryAfterMs('2', now)).toBe(2000);
  expect(parseRetryAfterMs(' 0.5 ', now)).toBe(500);
  expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
  expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  expect(parseRetryAfterMs('', now)).toBeUndefined();
  expect(parseRetryAfterMs('-1', now)).toBeUndefined();
  expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
});

test('an HTTP date is judged by the clock given, not the machine’s', () => {
  const date = 'Thu, 01 Jan 2026 00:01:00 GMT';
  expect(parseRetryAfterMs(date, now)).toBe(60_000);
  // The same header a minute later on the injected clock: nothing left to wait.
  expect(parseRetryAfterMs(date, new Date('2026-01-01T00:01:00Z'))).toBe(0);
  expect(parseRetryAfterMs(date, new Date('2026-01-01T00:00:59.500Z'))).toBe(500);
});
