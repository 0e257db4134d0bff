import { expect, test } from 'vitest';
import { z } from 'zod';
import { InvalidRequestError } from '../errors/index.js';
import { functionOption, integerOption, parseOptions, positiveOption } from './parse-options.js';

const schema = z.strictObject({
  concurrency: integerOption(1, 64).optional(),
  timeoutMs: positiveOption('duration').optional(),
  token: z.string().min(1),
  now: functionOption<() => Date>().optional(),
});

const context = { what: 'acme settings', provider: 'acme', instance: 'acme:main' };

test('returns the options when they are valid', () => {
  const now = () => new Date(0);
  expect(parseOptions(schema, { token: 't', concurrency: 4, now }, context)).toEqual({
    token: 't',
    concurrency: 4,
    now,
  });
});

test.each([
  [
    { token: 't', concurrency: Number.NaN },
    /`concurrency`: Invalid input: expected number, received (NaN|string)/,
  ],
  [
    { token: 't', concurrency: 'abc' },
    /`concurrency`: Invalid input: expected number, received (NaN|string)/,
  ],
  [{ token: 't', concurrency: 0 }, /`concurrency`: expected a whole number from 1 to 64/],
  [{ token: 't', concurrency: 2.5 }, /`concurrency`: expected a whole number from 1 to 64/],
  [
    { token: 't', timeoutMs: Number.POSITIVE_INFINITY },
    /`timeoutMs`: Invalid input: expected number, received Infinity/,
  ],
  [{ token: 't', timeoutMs: -1 }, /`timeoutMs`: expected a duration greater than 0/],
  [{ token: 't', pagesize: 5 }, /Unrecognized key: "pagesize"/],
  [{ token: 't', now: 'today' }, /`now`: expected a function/],
  [undefined, /acme settings: .*expected object/],
] as const)('%j is refused with the option named', (value, message) => {
  let error: unknown;
  try {
    parseOptions(schema, value, context);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as Error).message).toMatch(message);
  expect((error as InvalidRequestError).instance).toBe('acme:main');
});

test('never quotes the value given: it may be a credential', () => {
  const strict = z.strictObject({ token: z.string().regex(/^tok-/, 'expected a tok- token') });
  expect(() => parseOptions(strict, { token: 'SECRET-VALUE' }, context)).toThrow(
    /`token`: expected a tok- token/,
  );
  try {
    parseOptions(strict, { token: 'SECRET-VALUE' }, context);
  } catch (error) {
    expect(String(error)).not.toContain('SECRET-VALUE');
  }
});
