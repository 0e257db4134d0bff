import { expect, test } from 'vitest';
import { splitIntoZoneDays } from './zone-days.js';

const spans = (days: ReturnType<typeof splitIntoZoneDays>) =>
  days.map((day) => [day.date, day.from.toISOString(), day.to.toISOString()]);

test('a window crossing midnight in the zone is two days, cut at that midnight', () => {
  expect(
    spans(
      splitIntoZoneDays(
        new Date('2026-11-22T16:30:00Z'), // 22:00 IST
        new Date('2026-11-22T20:30:00Z'), // 02:00 IST the next day
        'Asia/Kolkata',
      ),
    ),
  ).toEqual([
    ['2026-11-22', '2026-11-22T16:30:00.000Z', '2026-11-22T18:29:59.999Z'],
    ['2026-11-23', '2026-11-22T18:30:00.000Z', '2026-11-22T20:30:00.000Z'],
  ]);
});

test('a window within one day is one day; an empty window none', () => {
  const at = new Date('2026-11-22T10:00:00Z');
  expect(spans(splitIntoZoneDays(at, at, 'Asia/Kolkata'))).toEqual([
    ['2026-11-22', at.toISOString(), at.toISOString()],
  ]);
  expect(splitIntoZoneDays(at, new Date(at.getTime() - 1), 'Asia/Kolkata')).toEqual([]);
});

test('days follow the zone’s clock changes (a 23-hour day in New York)', () => {
  const days = splitIntoZoneDays(
    new Date('2026-03-07T05:00:00Z'), // 00:00 EST, Saturday
    new Date('2026-03-09T03:59:59.999Z'), // 23:59:59.999 EDT, Sunday
    'America/New_York',
  );
  expect(spans(days)).toEqual([
    ['2026-03-07', '2026-03-07T05:00:00.000Z', '2026-03-08T04:59:59.999Z'],
    ['2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.999Z'],
  ]);
});
