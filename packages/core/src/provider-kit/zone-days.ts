import { formatZonedDate, parseZonedDateTime } from '../time.js';

/** One calendar day of a zone, as much of it as a window covers: both ends inclusive. */
export interface ZoneDay {
  /** The day in the zone, `YYYY-MM-DD`. */
  date: string;
  from: Date;
  to: Date;
}

/** The date after `date` (`YYYY-MM-DD`), by the calendar: no zone, no daylight saving. */
function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/**
 * Splits a window into the calendar days of `timeZone` it touches, oldest first, for an
 * API that takes one date per request: a window from 22:00 to 02:00 IST is two days,
 * `22:00:00–23:59:59.999` and `00:00:00–02:00:00`. Days are cut at the zone's midnights,
 * so a day is 23 or 25 hours long where the zone changes its clocks.
 */
export function splitIntoZoneDays(from: Date, to: Date, timeZone: string): ZoneDay[] {
  const days: ZoneDay[] = [];
  let start = from.getTime();
  const end = to.getTime();
  while (start <= end) {
    const date = formatZonedDate(new Date(start), timeZone);
    const next = parseZonedDateTime(`${nextDate(date)} 00:00:00`, timeZone)!.getTime();
    days.push({ date, from: new Date(start), to: new Date(Math.min(end, next - 1)) });
    start = next;
  }
  return days;
}
