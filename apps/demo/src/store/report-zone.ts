// Which zone a report's days and hours are in, and that zone's offsets over the calls the
// report can see: what `localTimeSql` needs to turn quarter hours into local days.
import { INDIA_TIME_ZONE, toZonedParts } from '@cdr/core/time';
import { type LocalTimeSql, localTimeSql, type OffsetSpan, offsetSpans } from './quarter-hours.ts';
import type { ReportQuery } from './report-figures.ts';
import type { RunQuery } from './report-sql.ts';
import { sql } from './sql.ts';

/** The zone of a query: its own, else India's (the zone the report had before it took one). */
export const reportZoneOf = (query: ReportQuery): string => query.timeZone ?? INDIA_TIME_ZONE;

/** The zone's offset from UTC at an instant, from the wall time Intl gives for it. */
function offsetIn(timeZone: string): (ms: number) => number {
  return (ms) => {
    const whole = Math.floor(ms / 1000) * 1000;
    const p = toZonedParts(new Date(whole), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
  };
}

/**
 * The query's zone's offsets, valid for every call the query can select: looked up from
 * the earlier of its start and the first call to the later of its end and the last (two
 * seeks on `calls_started_at`).
 */
export async function zoneSpansOf(run: RunQuery, query: ReportQuery): Promise<OffsetSpan[]> {
  return (await zoneOf(run, query)).spans;
}

/** The query's zone's offsets (`zoneSpansOf`), and the instants they were looked up over. */
export interface ZoneOffsets {
  spans: OffsetSpan[];
  /** Every call the query can select starts within `[fromMs, toMs]`. */
  fromMs: number;
  toMs: number;
}

/** `zoneSpansOf`, with the range of the calls it covers. */
export async function zoneOf(run: RunQuery, query: ReportQuery): Promise<ZoneOffsets> {
  // Two subqueries: SQLite seeks the index for a lone min() or max(), and reads all of it
  // for both at once (100 ms at 1,000,000 calls, against 0.1 ms).
  const [bounds] = await run(
    sql`SELECT (SELECT min(started_at) FROM calls) AS first, (SELECT max(started_at) FROM calls) AS last`,
  );
  const first =
    bounds?.first === null || bounds?.first === undefined ? undefined : Number(bounds.first);
  const last =
    bounds?.last === null || bounds?.last === undefined ? undefined : Number(bounds.last);
  // No call at all: any offset will do, so one look-up, not one a day since 1970.
  const from =
    first === undefined
      ? ((query.from ?? query.to)?.getTime() ?? 0)
      : Math.max(query.from?.getTime() ?? first, first);
  const to =
    last === undefined ? from : Math.max(Math.min(query.to?.getTime() ?? last, last), from);
  return { spans: offsetSpans(offsetIn(reportZoneOf(query)), from, to), fromMs: from, toMs: to };
}

/** The local time of the quarter `quarter` (an expression over `calls`): `zoneSpansOf`'s. */
export async function localTimeOf(
  run: RunQuery,
  query: ReportQuery,
  quarter: string,
): Promise<LocalTimeSql> {
  return localTimeSql(quarter, await zoneSpansOf(run, query));
}
