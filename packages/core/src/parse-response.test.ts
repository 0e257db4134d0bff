import { expect, test } from 'vitest';
import { z } from 'zod';
import { ResponseValidationError } from './errors/index.js';
import { formatIssuePath, parseResponse } from './parse-response.js';

const schema = z.object({ cdr: z.array(z.object({ time: z.number() })) });

test('returns the typed body when it matches', () => {
  expect(
    parseResponse(schema, { cdr: [{ time: 1 }] }, { provider: 'p', endpoint: 'POST /x' }),
  ).toEqual({ cdr: [{ time: 1 }] });
});

test('names the provider, endpoint and offending path when it does not', () => {
  const body = { cdr: [{ time: 1 }, { time: 'late' }] };
  const error = (() => {
    try {
      parseResponse(schema, body, { provider: 'p', endpoint: 'POST /x' });
    } catch (caught) {
      return caught;
    }
  })() as ResponseValidationError;
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect(error.path).toBe('cdr[1].time');
  expect(error.message).toMatch(/^\[p\] POST \/x: unexpected response shape at cdr\[1\]\.time/);
});

test('formats paths', () => {
  expect(formatIssuePath([])).toBe('(root)');
  expect(formatIssuePath(['a', 0, 'b', 'c'])).toBe('a[0].b.c');
});
