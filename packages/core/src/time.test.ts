import { describe, expect, test } from 'vitest';
import {
  formatZonedDate,
  formatZonedDateTime,
  fromEpochMilliseconds,
  INDIA_TIME_ZONE,
  parseZonedDateTime,
  toZonedParts,
} from './time.js';

describe('parseZonedDateTime', () => {
  test('reads an IST wall time as the UTC instant 5:30 earlier', () => {
    expect(parseZonedDateTime('2021-02-09 10:33:53', INDIA_TIME_ZONE)?.toISOString()).toBe(
      '2021-02-09T05:03:53.000Z',
    );
  });

  test('crosses midnight backwards into the previous UTC day', () => {
    expect(parseZonedDateTime('2024-03-01 02:00:00', INDIA_TIME_ZONE)?.toISOString()).toBe(
      '2024-02-29T20:30:00.000Z',
    );
  });

  test('resolves zones with daylight saving on both sides of a change', () => {
    expect(parseZonedDateTime('2024-07-01 12:00:00', 'Europe/London')?.toISOString()).toBe(
      '2024-07-01T11:00:00.000Z',
    );
    expect(parseZonedDateTime('2024-01-01 12:00:00', 'Europe/London')?.toISOString()).toBe(
      '2024-01-01T12:00:00.000Z',
    );
  });

  test.each([
    '',
    '2021-02-30 10:00:00',
    '2021-02-09 24:00:00',
    '2021-02-09',
    'yesterday',
    '2021-02-09 10:61:00',
  ])('rejects %j', (value) => {
    expect(parseZonedDateTime(value, INDIA_TIME_ZONE)).toBeUndefined();
  });
});

describe('zoned formatting', () => {
  test('formats an instant as IST wall time and date', () => {
    const instant = new Date('2024-02-29T20:30:00Z');
    expect(formatZonedDateTime(instant, INDIA_TIME_ZONE)).toBe('2024-03-01 02:00:00');
    expect(formatZonedDate(instant, INDIA_TIME_ZONE)).toBe('2024-03-01');
    expect(toZonedParts(instant, INDIA_TIME_ZONE)).toEqual({
      year: 2024,
      month: 3,
      day: 1,
      hour: 2,
      minute: 0,
      second: 0,
    });
  });
});

describe('fromEpochMilliseconds', () => {
  test('accepts numbers and numeric strings', () => {
    expect(fromEpochMilliseconds(1641787135771)?.toISOString()).toBe('2022-01-10T03:58:55.771Z');
    expect(fromEpochMilliseconds('1641787135771')?.getTime()).toBe(1641787135771);
  });

  test('rejects seconds sent for milliseconds, fractions and garbage', () => {
    expect(fromEpochMilliseconds(1641787135)).toBeUndefined();
    expect(fromEpochMilliseconds(1.5)).toBeUndefined();
    expect(fromEpochMilliseconds('')).toBeUndefined();
    expect(fromEpochMilliseconds('abc')).toBeUndefined();
  });

  test('digits only: no hex, exponent or sign that Number() would read', () => {
    for (const text of ['0x17e4c2a9c5b', '1.641787135771e12', '+1641787135771', '1641787135771.0'])
      expect(fromEpochMilliseconds(text), text).toBeUndefined();
  });
});
