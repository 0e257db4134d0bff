import { describe, expect, test } from 'vitest';
import {
  dayName,
  offsetSpans,
  quarterHourMs,
  quarterOf,
  splitIntoQuarters,
} from './quarter-hours.ts';

const at = (text: string) => new Date(text);

describe('splitIntoQuarters', () => {
  test('an open range is every quarter, with no edge', () => {
    expect(splitIntoQuarters(undefined, undefined)).toEqual({
      quarters: { first: undefined, last: undefined },
      edges: [],
    });
  });

  test('a range on quarter boundaries is whole quarters only (Nepal midnight: 18:15 UTC)', () => {
    const from = at('2026-11-20T00:00:00.000+05:45');
    const to = at('2026-11-20T23:59:59.999+05:45');
    expect(splitIntoQuarters(from, to)).toEqual({
      quarters: { first: quarterOf(from.getTime()), last: quarterOf(to.getTime()) },
      edges: [],
    });
    expect(quarterOf(to.getTime()) - quarterOf(from.getTime())).toBe(95);
  });

  test('bounds inside a quarter leave its minutes as edges, read from the calls', () => {
    const from = at('2026-11-20T10:07:00.000Z');
    const to = at('2026-11-20T11:20:00.000Z');
    const split = splitIntoQuarters(from, to);
    expect(split.quarters).toEqual({
      first: quarterOf(Date.parse('2026-11-20T10:15:00Z')),
      last: quarterOf(Date.parse('2026-11-20T11:00:00Z')),
    });
    expect(split.edges).toEqual([
      { from: from.getTime(), to: Date.parse('2026-11-20T10:15:00Z') - 1 },
      { from: Date.parse('2026-11-20T11:15:00Z'), to: to.getTime() },
    ]);
  });

  test('a range inside one quarter is one edge; a reversed one is nothing', () => {
    const from = at('2026-11-20T10:01:00Z');
    const to = at('2026-11-20T10:02:00Z');
    expect(splitIntoQuarters(from, to)).toEqual({
      quarters: null,
      edges: [{ from: from.getTime(), to: to.getTime() }],
    });
    expect(splitIntoQuarters(to, from)).toEqual({ quarters: null, edges: [] });
  });
});

describe('offsetSpans', () => {
  const offsetIn = (timeZone: string) => (ms: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })
        .formatToParts(ms)
        .map((part) => [part.type, Number(part.value)]),
    );
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    return wall - Math.floor(ms / 60_000) * 60_000;
  };

  test('India keeps one offset; New York changes on 2026-11-01 at 06:00 UTC, to the quarter', () => {
    const from = Date.parse('2026-10-01T00:00:00Z');
    const to = Date.parse('2026-12-01T00:00:00Z');
    expect(offsetSpans(offsetIn('Asia/Kolkata'), from, to)).toEqual([
      { fromQuarter: quarterOf(from), offsetMs: 19_800_000 },
    ]);
    expect(offsetSpans(offsetIn('America/New_York'), from, to)).toEqual([
      { fromQuarter: quarterOf(from), offsetMs: -4 * 3_600_000 },
      { fromQuarter: Date.parse('2026-11-01T06:00:00Z') / quarterHourMs, offsetMs: -5 * 3_600_000 },
    ]);
  });

  test('day numbers read as dates', () => {
    expect(dayName(0)).toBe('1970-01-01');
    expect(dayName(Date.parse('2026-11-20T00:00:00Z') / 86_400_000)).toBe('2026-11-20');
  });
});
