import { describe, expect, test } from 'vitest';
import { istDayOf, istDayStart, splitIntoIstDays } from './ist-day-range.ts';

const ist = (text: string) => new Date(`${text}+05:30`);

describe('splitIntoIstDays', () => {
  test('an IST day starts at 18:30 UTC the evening before', () => {
    expect(istDayStart('2026-11-20')).toBe(Date.parse('2026-11-19T18:30:00Z'));
    expect(istDayOf(Date.parse('2026-11-19T18:29:59.999Z'))).toBe('2026-11-19');
    expect(istDayOf(Date.parse('2026-11-19T18:30:00Z'))).toBe('2026-11-20');
  });

  test('an open range is every day, with no edge', () => {
    expect(splitIntoIstDays(undefined, undefined)).toEqual({
      days: { first: undefined, last: undefined },
      edges: [],
    });
  });

  test('a range on day boundaries is whole days only', () => {
    expect(
      splitIntoIstDays(ist('2026-11-18T00:00:00.000'), ist('2026-11-20T23:59:59.999')),
    ).toEqual({ days: { first: '2026-11-18', last: '2026-11-20' }, edges: [] });
  });

  test('mid-day bounds leave partial days at both edges, read from the calls', () => {
    const from = ist('2026-11-18T09:00:00.000');
    const to = ist('2026-11-20T17:00:00.000');
    expect(splitIntoIstDays(from, to)).toEqual({
      days: { first: '2026-11-19', last: '2026-11-19' },
      edges: [
        { from: from.getTime(), to: ist('2026-11-18T23:59:59.999').getTime() },
        { from: ist('2026-11-20T00:00:00.000').getTime(), to: to.getTime() },
      ],
    });
  });

  test('a range inside one day, or across two partial days, is one edge', () => {
    const from = ist('2026-11-19T09:00:00.000');
    const to = ist('2026-11-20T08:00:00.000');
    expect(splitIntoIstDays(from, to)).toEqual({
      days: null,
      edges: [{ from: from.getTime(), to: to.getTime() }],
    });
    expect(splitIntoIstDays(to, from)).toEqual({ days: null, edges: [] });
  });

  test('one open bound keeps the other side open', () => {
    expect(splitIntoIstDays(ist('2026-11-19T09:00:00.000'), undefined)).toEqual({
      days: { first: '2026-11-20', last: undefined },
      edges: [
        {
          from: ist('2026-11-19T09:00:00.000').getTime(),
          to: ist('2026-11-19T23:59:59.999').getTime(),
        },
      ],
    });
  });
});
