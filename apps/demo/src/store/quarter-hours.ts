// The report's figures are kept per quarter hour of UTC (report-rollups.ts): every zone in
// use today is a whole number of quarter hours from UTC (India +05:30, Nepal +05:45, New
// York -05:00/-04:00) and changes its offset on a quarter hour, so any zone's days and hours
// are sums of whole quarter hours. This file holds the arithmetic: how a range splits into
// whole quarters and edges, and which local day and hour a quarter falls in, as SQL.
import { Sql } from './sql.ts';

export const quarterHourMs = 900_000;
const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** The quarter hour an instant falls in: its number since 1970 (`started_at / 900000`). */
export function quarterOf(ms: number): number {
  return Math.floor(ms / quarterHourMs);
}

/** Inclusive bounds in epoch milliseconds. */
export interface MsRange {
  from: number;
  to: number;
}

/**
 * How a report's range splits: the quarter hours it covers whole (kept as rollups; a missing
 * bound is open) and the parts of quarters at its edges, read from the calls themselves.
 * `quarters` is `null` when no quarter is covered whole.
 */
export interface QuarterSplit {
  quarters: { first: number | undefined; last: number | undefined } | null;
  edges: MsRange[];
}

/**
 * Splits `[from, to]` (both inclusive, either open) into whole periods of `periodMs` (quarter
 * hours by default) and partial edges.
 */
export function splitIntoQuarters(
  from: Date | undefined,
  to: Date | undefined,
  periodMs = quarterHourMs,
): QuarterSplit {
  const fromMs = from?.getTime();
  const toMs = to?.getTime();
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
    return { quarters: null, edges: [] };
  let first: number | undefined;
  let lower: MsRange | undefined;
  if (fromMs !== undefined) {
    first = Math.ceil(fromMs / periodMs);
    if (first * periodMs !== fromMs) lower = { from: fromMs, to: first * periodMs - 1 };
  }
  let last: number | undefined;
  let upper: MsRange | undefined;
  if (toMs !== undefined) {
    last = Math.floor((toMs + 1) / periodMs) - 1;
    const start = (last + 1) * periodMs;
    if (start <= toMs) upper = { from: start, to: toMs };
  }
  if (first !== undefined && last !== undefined && first > last) {
    // No quarter inside the range is whole: the range itself is the one edge.
    return { quarters: null, edges: [{ from: fromMs!, to: toMs! }] };
  }
  return {
    quarters: { first, last },
    edges: [lower, upper].filter((edge) => edge !== undefined),
  };
}

/** A run of quarter hours over which a zone keeps one offset from UTC. */
export interface OffsetSpan {
  /** The first quarter of the run (the runs are in order; the last runs on). */
  fromQuarter: number;
  offsetMs: number;
}

/**
 * The zone's offsets over `[fromMs, toMs]`: found day by day, then to the quarter hour where
 * one changes. A report covers weeks or months, so this is a few dozen look-ups, cached.
 */
export function offsetSpans(
  offsetAt: (ms: number) => number,
  fromMs: number,
  toMs: number,
): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ fromQuarter: quarterOf(fromMs), offsetMs: offsetAt(fromMs) }];
  let previous = quarterOf(fromMs);
  for (let day = previous + 96; ; day += 96) {
    const quarter = Math.min(day, quarterOf(toMs));
    const offset = offsetAt(quarter * quarterHourMs);
    if (offset !== spans.at(-1)!.offsetMs) {
      // The change is in (previous, quarter]: bisect to the first quarter with the new offset.
      let low = previous;
      let high = quarter;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(middle * quarterHourMs) === offset) high = middle;
        else low = middle;
      }
      spans.push({ fromQuarter: high, offsetMs: offset });
    }
    if (quarter >= quarterOf(toMs)) break;
    previous = quarter;
  }
  return spans;
}

/** A local day, as the day number SQL gives (days since 1970-01-01), in `YYYY-MM-DD`. */
export function dayName(dayNumber: number): string {
  return new Date(dayNumber * dayMs).toISOString().slice(0, 10);
}

/** The SQL expressions of a quarter's local day number, hour (0–23) and weekday (0 = Sunday). */
export interface LocalTimeSql {
  day: Sql;
  hour: Sql;
  weekday: Sql;
}

/**
 * The longest of `periods` (in ms) that the zone's offsets and changes of offset are whole
 * multiples of: an hour for New York, half an hour for India, a quarter for Nepal. The
 * figures by local day and hour add up rows of that period: the fewer, the faster.
 */
export function coarsestPeriod(spans: readonly OffsetSpan[], periods: readonly number[]): number {
  const fits = (ms: number) =>
    spans.every(
      (span, index) =>
        span.offsetMs % ms === 0 && (index === 0 || (span.fromQuarter * quarterHourMs) % ms === 0),
    );
  return [...periods].sort((a, b) => b - a).find(fits) ?? quarterHourMs;
}

/**
 * The local day, hour and weekday of the period `period` (a SQL expression of a period
 * number, `started_at / periodMs`; quarter hours by default) in a zone with these offsets. Offsets are whole milliseconds computed here, so
 * they are written into the text, not passed as parameters: both databases then do integer
 * arithmetic, and the expression is the same in every part of a query.
 */
export function localTimeSql(
  period: string,
  spans: readonly OffsetSpan[],
  periodMs = quarterHourMs,
): LocalTimeSql {
  const offset =
    spans.length === 1
      ? String(spans[0]!.offsetMs)
      : `CASE ${spans
          .slice(1)
          .map(
            (span, index) =>
              `WHEN ${period} < ${Math.ceil((span.fromQuarter * quarterHourMs) / periodMs)} THEN ${spans[index]!.offsetMs}`,
          )
          .join(' ')} ELSE ${spans.at(-1)!.offsetMs} END`;
  const wall = `(${period} * ${periodMs} + ${offset})`;
  const day = `CAST(${wall} / ${dayMs} AS INTEGER)`;
  return {
    day: new Sql(day),
    hour: new Sql(`CAST((${wall} / ${hourMs}) % 24 AS INTEGER)`),
    // 1970-01-01 was a Thursday: day number + 4, modulo 7, counts from Sunday.
    weekday: new Sql(`CAST((${wall} / ${dayMs} + 4) % 7 AS INTEGER)`),
  };
}
