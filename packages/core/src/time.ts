/** The zone of the Indian providers' local times (IST, UTC+05:30, no daylight saving). */
export const INDIA_TIME_ZONE = 'Asia/Kolkata';

/** Calendar fields of an instant as read on a wall clock in some zone. */
export interface ZonedDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets change at most a few times a year; caching them per quarter hour keeps
// Intl (microseconds a call) off the per-record path.
const offsetCaches = new Map<string, Map<number, number>>();
const quarterHourMs = 15 * 60 * 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function readParts(instantMs: number, timeZone: string): ZonedDateTimeParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's offset from UTC, in milliseconds, at an instant. */
function timeZoneOffsetMs(instantMs: number, timeZone: string): number {
  const bucket = Math.floor(instantMs / quarterHourMs);
  let offsetCache = offsetCaches.get(timeZone);
  if (!offsetCache) {
    offsetCache = new Map();
    offsetCaches.set(timeZone, offsetCache);
  }
  const cached = offsetCache.get(bucket);
  if (cached !== undefined) return cached;
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const parts = readParts(wholeSecond, timeZone);
  const asUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  const offset = asUtc - wholeSecond;
  if (offsetCache.size > 4096) offsetCache.clear();
  offsetCache.set(bucket, offset);
  return offset;
}

/** The wall-clock fields of an instant in a zone. */
export function toZonedParts(instant: Date, timeZone: string): ZonedDateTimeParts {
  const shifted = new Date(instant.getTime() + timeZoneOffsetMs(instant.getTime(), timeZone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/**
 * Reads a provider's local date-time (`2021-02-09 10:33:53`, `T` also accepted) in an
 * explicit zone and returns the UTC instant, or `undefined` when the text is not such a
 * date-time. A wall time that a daylight-saving change skips resolves to the later offset.
 */
export function parseZonedDateTime(value: string, timeZone: string): Date | undefined {
  const match = localDateTimePattern.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    fraction ? Number(fraction.padEnd(3, '0')) : 0,
  );
  const check = new Date(wall);
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day))
    return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  // The offset at the wall time read as UTC is right except within hours of a transition;
  // one correction settles it.
  let instant = wall - timeZoneOffsetMs(wall, timeZone);
  const corrected = wall - timeZoneOffsetMs(instant, timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** Formats an instant as the zone's wall time, `YYYY-MM-DD HH:mm:ss`. */
export function formatZonedDateTime(instant: Date, timeZone: string): string {
  const p = toZonedParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** The zone's calendar date of an instant, `YYYY-MM-DD`. */
export function formatZonedDate(instant: Date, timeZone: string): string {
  return formatZonedDateTime(instant, timeZone).slice(0, 10);
}

// Epoch milliseconds between 2000 and 2100: anything outside is a unit mistake
// (seconds sent for milliseconds) or garbage, not a call.
const earliestPlausibleMs = Date.UTC(2000, 0, 1);
const latestPlausibleMs = Date.UTC(2100, 0, 1);

/** An instant from epoch milliseconds (a number or a numeric string), or `undefined` when implausible. */
export function fromEpochMilliseconds(value: number | string): Date | undefined {
  // Digits only: `Number()` would read `"0x10"`, `"1e12"` and `" "` too.
  const ms =
    typeof value === 'number'
      ? value
      : /^\d+$/.test(value.trim())
        ? Number(value.trim())
        : Number.NaN;
  if (!Number.isInteger(ms) || ms < earliestPlausibleMs || ms >= latestPlausibleMs)
    return undefined;
  return new Date(ms);
}
