import { expect, test } from 'vitest';
import { parseReportsRateLimit } from './parse-reports-rate-limit.js';

test('requests/interval', () => {
  expect(parseReportsRateLimit('2/1m')).toEqual({ limit: 2, intervalMs: 60_000 });
  expect(parseReportsRateLimit('2 / 250ms')).toEqual({ limit: 2, intervalMs: 250 });
  expect(parseReportsRateLimit('1/30s')).toEqual({ limit: 1, intervalMs: 30_000 });
  expect(parseReportsRateLimit('0/1m')).toBeUndefined();
  expect(parseReportsRateLimit('2/m')).toBeUndefined();
});
