// The page's own copy of the zoned wall time (it cannot import core's: the renderer is
// shipped to the browser by its source) must say what core's says, to the second.
import { formatZonedDateTime } from '@cdr/core';
import { expect, test } from 'vitest';
import { formatZoneTime } from './render-dashboard-body.ts';

test("formatZoneTime is core's formatZonedDateTime, across changes of offset and in India", () => {
  const zones = ['Asia/Kolkata', 'America/New_York', 'Asia/Kathmandu', 'Europe/London', 'UTC'];
  // Every 37 minutes and 13 seconds through 2026: both of New York's and London's changes.
  const step = 37 * 60_000 + 13_000;
  const start = Date.parse('2026-01-01T00:00:00Z');
  let compared = 0;
  for (let ms = start; ms < start + 365 * 86_400_000; ms += step) {
    for (const zone of zones) {
      expect(formatZoneTime(ms, zone), `${new Date(ms).toISOString()} ${zone}`).toBe(
        formatZonedDateTime(new Date(ms), zone),
      );
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(50_000);
  // The page's default zone is India's.
  expect(formatZoneTime(Date.parse('2026-11-24T06:30:00Z'))).toBe('2026-11-24 12:00:00');
});
