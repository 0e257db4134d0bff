import { parseInstant } from './options.ts';

/** A time from the command line, with the UTC offset it was written in, to answer in the same. */
export interface TypedInstant {
  at: Date;
  /** Minutes east of UTC: the offset typed (`Z`, `+04:00`), else India's (+05:30), the tool's default. */
  offsetMinutes: number;
}

const indiaMinutes = 330;

/** Reads a time as `parseInstant` does, keeping the offset it was typed in. */
export function parseTypedInstant(value: string, now: Date): TypedInstant {
  const at = parseInstant(value, now);
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return { at, offsetMinutes: indiaMinutes };
  if (/Z$/i.test(text)) return { at, offsetMinutes: 0 };
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!offset) return { at, offsetMinutes: indiaMinutes };
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
