import { toZonedParts } from '@cdr/core/time';
import { parseInstant } from './options.ts';

/** A time from the command line, with the UTC offset it was written in, to answer in the same. */
export interface TypedInstant {
  at: Date;
  /** Minutes east of UTC: the offset typed (`Z`, `+04:00`), else the zone's it was read in. */
  offsetMinutes: number;
}

const indiaMinutes = 330;

/** Minutes east of UTC of `timeZone` at an instant. */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const whole = Math.floor(at.getTime() / 1000) * 1000;
  const p = toZonedParts(new Date(whole), timeZone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole) / 60_000;
}

/** Reads a time as `parseInstant` does in `timeZone`, keeping the offset it was typed in. */
export function parseTypedInstant(
  value: string,
  now: Date,
  timeZone = 'Asia/Kolkata',
): TypedInstant {
  const at = parseInstant(value, now, timeZone);
  const text = value.trim();
  const zoned = { at, offsetMinutes: zoneOffsetMinutes(at, timeZone) };
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return zoned;
  if (/Z$/i.test(text)) return { at, offsetMinutes: 0 };
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!offset) return zoned;
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return { at, offsetMinutes: offset[1] === '-' ? -minutes : minutes };
}

/** `instant` as a person reads it in the offset `typed` was written in: `2026-11-20 00:00:00 IST`. */
export function formatAsTyped(instant: Date, typed: Pick<TypedInstant, 'offsetMinutes'>): string {
  const minutes = typed.offsetMinutes;
  const wall = new Date(instant.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const zone =
    minutes === indiaMinutes
      ? 'IST'
      : minutes === 0
        ? 'UTC'
        : `${sign}${String(Math.trunc(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  return `${wall.replace('T', ' ')} ${zone}`;
}
