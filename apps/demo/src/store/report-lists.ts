// The report's lists: rows of calls, newest first, as many as a page shows. They are read
// from `calls` itself (a rollup holds no calls), walking `calls_started_at` backwards from
// the newest so that a page reads its rows and the ones before it, never the whole table.
import { filterCondition } from './call-filter.ts';
import type { ReportQuery } from './report-figures.ts';
import { isUnreturnedMissed } from './report-sql.ts';
import { Sql, sql } from './sql.ts';

/** The condition that leaves out child legs unless the query counts them (`legs`). */
export function foldedLegs(query: ReportQuery, table = 'calls'): Sql {
  return new Sql(query.legs ? '1 = 1' : `${table}.parent_id IS NULL`);
}

/** The unreturned missed calls of the query, as `FROM … WHERE …`. */
export function unreturnedMissedFrom(query: ReportQuery): Sql {
  return sql`FROM calls AS missed
     WHERE ${filterCondition(query, 'missed')} AND ${foldedLegs(query, 'missed')}
       AND ${new Sql(isUnreturnedMissed('missed'))}`;
}

/** One page of unreturned missed calls, newest first. */
export function unreturnedMissedPage(query: ReportQuery, limit: number, offset: number): Sql {
  return sql`SELECT missed.provider AS provider, missed.account AS account, missed.id AS id,
        missed.started_at AS started_at, missed.counterpart AS number,
        missed.direction AS direction, missed.recording_url AS recording_url
      ${unreturnedMissedFrom(query)} ORDER BY missed.started_at DESC, missed.provider, missed.id
      LIMIT ${limit} OFFSET ${offset}`;
}

/** The newest calls of the query. */
export function latestCalls(query: ReportQuery, limit: number): Sql {
  return sql`SELECT provider, account, id, started_at, direction, status, counterpart AS number,
        coalesce(agent_name, agent_id) AS agent, coalesce(talk_seconds, total_seconds) AS seconds,
        recording_url
      FROM calls WHERE ${filterCondition(query)} AND ${foldedLegs(query)}
      ORDER BY started_at DESC, provider, id LIMIT ${limit}`;
}
