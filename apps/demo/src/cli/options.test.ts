import { InvalidArgumentError } from 'commander';
import { describe, expect, test } from 'vitest';
import {
  collect,
  oneOf,
  parseDuration,
  parseHost,
  parseInstant,
  parsePort,
  parsePositiveDuration,
  parsePositiveInteger,
  parseUrlPath,
} from './options.ts';

const now = new Date('2026-11-23T12:00:00Z');

describe('parseInstant', () => {
  test.each([
    ['2026-11-20', '2026-11-19T18:30:00.000Z'],
    ['2026-11-20 14:30', '2026-11-20T09:00:00.000Z'],
    ['2026-11-20T14:30:15', '2026-11-20T09:00:15.000Z'],
    ['2026-11-20T09:00:00Z', '2026-11-20T09:00:00.000Z'],
    ['2026-11-20T14:30:00+05:30', '2026-11-20T09:00:00.000Z'],
    ['2h', '2026-11-23T10:00:00.000Z'],
    ['7d', '2026-11-16T12:00:00.000Z'],
    ['now', '2026-11-23T12:00:00.000Z'],
  ])('%s', (input, expected) => {
    expect(parseInstant(input, now).toISOString()).toBe(expected);
  });

  test.each(['yesterday', '2026-13-01', '2026-11-20 25:00', '20/11/2026', '', '2026-02-30'])(
    'rejects %j',
    (input) => {
      expect(() => parseInstant(input, now)).toThrow(InvalidArgumentError);
    },
  );
});

describe('parseDuration', () => {
  test('units', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
  });
  test('rejects what has no unit', () => {
    expect(() => parseDuration('2')).toThrow(/number and a unit/);
    expect(() => parseDuration('-2h')).toThrow(InvalidArgumentError);
  });
});

test('parsePositiveDuration refuses zero', () => {
  expect(parseDuration('0s')).toBe(0);
  expect(() => parsePositiveDuration('0h')).toThrow(/longer than zero/);
  expect(parsePositiveDuration('1m')).toBe(60_000);
});

test('parsePositiveInteger', () => {
  expect(parsePositiveInteger('12')).toBe(12);
  expect(() => parsePositiveInteger('0')).toThrow(InvalidArgumentError);
  expect(() => parsePositiveInteger('1.5')).toThrow(InvalidArgumentError);
});

test('collect accepts repeats and commas', () => {
  expect(collect('c', collect('a,b'))).toEqual(['a', 'b', 'c']);
  expect(() => collect(' , ')).toThrow(InvalidArgumentError);
});

test('oneOf', () => {
  expect(oneOf(['csv', 'ndjson'])('csv')).toBe('csv');
  expect(() => oneOf(['csv', 'ndjson'])('xml')).toThrow(/csv, ndjson/);
});

describe('listening flags', () => {
  test.each([
    ['0', 0],
    ['8787', 8787],
    ['65535', 65535],
  ])('port %s', (input, expected) => {
    expect(parsePort(input)).toBe(expected);
  });

  test.each(['99999', '65536', '-1', '80.5', 'http', ''])('rejects port %j', (input) => {
    expect(() => parsePort(input)).toThrow(InvalidArgumentError);
  });

  test.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['localhost', 'localhost'],
    ['cdr-receiver.example.com', 'cdr-receiver.example.com'],
  ])('host %s', (input, expected) => {
    expect(parseHost(input)).toBe(expected);
  });

  test.each(['256.1.1.1', '1.2.3', 'exa mple', '-bad.example', 'a..b', 'http://x', ''])(
    'rejects host %j',
    (input) => {
      expect(() => parseHost(input)).toThrow(InvalidArgumentError);
    },
  );

  test.each(['/ozonetel/callback', '/', '/hooks/ozonetel-1'])('path %s', (input) => {
    expect(parseUrlPath(input)).toBe(input);
  });

  test.each(['noslash', '/a?b=1', '/a#b', '/a b', '/a/../b', '//evil.example/x', ''])(
    'rejects path %j',
    (input) => {
      expect(() => parseUrlPath(input)).toThrow(InvalidArgumentError);
    },
  );
});

test('dates and times are India’s wall clock; a date that does not exist is refused', () => {
  const now = new Date('2026-11-24T06:30:00Z');
  expect(parseInstant('2026-11-20', now).toISOString()).toBe('2026-11-19T18:30:00.000Z');
  expect(parseInstant('2026-11-20 14:30', now).toISOString()).toBe('2026-11-20T09:00:00.000Z');
  expect(parseInstant('2026-11-20T14:30:15', now).toISOString()).toBe('2026-11-20T09:00:15.000Z');
  for (const bad of ['2026-02-30', '2026-13-01', '2026-11-20 24:00', '2026-11-20 10:61'])
    expect(() => parseInstant(bad, now), bad).toThrow(/Use a date/);
});
