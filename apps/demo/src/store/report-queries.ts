// The report's figures from the per-day rollups (report-rollups.ts): the IST days the query
// covers whole come from the rollup tables (tens of thousands of rows at most), the partial
// days at its edges from `calls` through `calls_started_at`, with the same aggregates the
// rollups were filled with. Every filter a report takes (providers, accounts, sources,
// direction) is a rollup key, so any filter adds up rollup rows. The figures are the ones
// the raw computation gives (raw-report-figures.ts; the store contract holds them equal).
import { filterCondition } from './call-filter.ts';
import { splitIntoIstDays } from './ist-day-range.ts';
import type { ReportBreakdown, ReportFigures, ReportQuery } from './report-figures.ts';
import { latestCalls, unreturnedMissedPage } from './report-lists.ts';
import {
  agentsRollup,
  costsRollup,
  groupsRollup,
  hoursRollup,
  type Rollup,
} from './report-rollups.ts';
import { breakdownOf, type FigureRows, figuresOf } from './report-rows.ts';
import { integerSum, quotient, type RunQuery, total } from './report-sql.ts';
import { Sql, sql } from './sql.ts';

/**
 * A rollup's rows for the query, as a subquery to aggregate further: its rows of the whole
 * days in range, then the partial days' rows computed from `calls`.
 */
function rollupSource(rollup: Rollup, query: ReportQuery): Sql {
  const keysOnly = { ...query, from: undefined, to: undefined };
  const split = splitIntoIstDays(query.from, query.to);
  const parts: Sql[] = [];
  const columns = new Sql(rollup.columns.join(', '));
  if (split.days) {
    const conditions = [filterCondition(keysOnly, 'kept')];
    if (split.days.first !== undefined) conditions.push(sql`kept.ist_day >= ${split.days.first}`);
    if (split.days.last !== undefined) conditions.push(sql`kept.ist_day <= ${split.days.last}`);
    parts.push(sql`SELECT ${columns} FROM ${new Sql(rollup.table)} AS kept
      WHERE ${Sql.join(conditions, ' AND ')}`);
  }
  if (split.edges.length > 0 || parts.length === 0) {
    const ranges = split.edges.map(
      (edge) => sql`(calls.started_at >= ${edge.from} AND calls.started_at <= ${edge.to})`,
    );
    const inRange = ranges.length > 0 ? sql`(${Sql.join(ranges, ' OR ')})` : new Sql('1 = 0');
    parts.push(rollup.aggregate(sql`${filterCondition(keysOnly)} AND ${inRange}`));
  }
  return sql`(${Sql.join(parts, ' UNION ALL ')}) AS rolled`;
}

/** Computes every figure of a report from the rollups (which the store has refreshed). */
export async function computeReportFigures(
  run: RunQuery,
  query: ReportQuery,
): Promise<ReportFigures> {
  const top = query.top ?? 5;
  const page = query.missedPage ?? 0;
  const groups = rollupSource(groupsRollup, query);
  const rows: FigureRows = await Promise.all([
    run(sql`SELECT provider, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${integerSum('missed')} AS missed,
        ${total('total_seconds')} AS total_seconds, ${total('talk_seconds')} AS talk_seconds,
        ${total('billed_seconds')} AS billed_seconds
      FROM ${groups} GROUP BY provider ORDER BY provider`),
    run(sql`SELECT provider, currency, ${total('amount')} AS amount
      FROM ${rollupSource(costsRollup, query)}
      GROUP BY provider, currency ORDER BY provider, currency`),
    run(sql`SELECT ist_day AS day, provider, direction, ${integerSum('answered')} AS answered,
        ${integerSum('missed')} AS missed, ${integerSum('other')} AS other
      FROM ${groups} GROUP BY ist_day, provider, direction ORDER BY ist_day, provider, direction`),
    run(sql`SELECT ist_weekday AS weekday, ist_hour AS hour, ${integerSum('inbound')} AS inbound,
        ${integerSum('missed_inbound')} AS missed_inbound
      FROM ${rollupSource(hoursRollup, query)}
      GROUP BY ist_weekday, ist_hour ORDER BY ist_weekday, ist_hour`),
    run(sql`SELECT ist_day AS day, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${quotient('ring_seconds', 'ring_calls')} AS ring
      FROM ${groups} GROUP BY ist_day ORDER BY ist_day`),
    run(sql`SELECT coalesce(max(agent_name), agent_id) AS agent, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${total('talk_seconds')} AS talk_seconds,
        ${quotient('handle_seconds', 'handled_calls')} AS handle_seconds
      FROM ${rollupSource(agentsRollup, query)}
      GROUP BY agent_id ORDER BY calls DESC, agent LIMIT ${top}`),
    run(sql`SELECT ${integerSum('unreturned_missed')} AS n FROM ${groups}`),
    run(unreturnedMissedPage(query, top, page * top)),
  ]);
  return {
    ...figuresOf(query, rows),
    ...(query.breakdown ? { breakdown: await computeBreakdown(run, query, query.breakdown) } : {}),
  };
}

/** The figures by day, provider, account and direction: see `ReportBreakdown`. */
async function computeBreakdown(
  run: RunQuery,
  query: ReportQuery,
  options: { listRows: number },
): Promise<ReportBreakdown> {
  const keys = 'ist_day, provider, account, direction';
  const [groupRows, hourRows, costRows, agentRows, missedRows, callRows] = await Promise.all([
    run(sql`SELECT ist_day AS day, provider, account, direction, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${integerSum('missed')} AS missed,
        ${integerSum('other')} AS other, ${total('total_seconds')} AS total_seconds,
        ${total('talk_seconds')} AS talk_seconds, ${total('billed_seconds')} AS billed_seconds,
        ${total('ring_seconds')} AS ring_seconds, ${integerSum('ring_calls')} AS ring_calls,
        ${integerSum('unreturned_missed')} AS n
      FROM ${rollupSource(groupsRollup, query)}
      GROUP BY ${new Sql(keys)} ORDER BY ${new Sql(keys)}`),
    run(sql`SELECT ist_day AS day, ist_hour AS hour, provider, account,
        ${integerSum('inbound')} AS inbound, ${integerSum('missed_inbound')} AS missed_inbound
      FROM ${rollupSource(hoursRollup, query)}
      GROUP BY ist_day, ist_hour, provider, account ORDER BY ist_day, ist_hour, provider, account`),
    run(sql`SELECT ist_day AS day, provider, account, direction, currency,
        ${total('amount')} AS amount
      FROM ${rollupSource(costsRollup, query)}
      GROUP BY ${new Sql(keys)}, currency ORDER BY ${new Sql(keys)}, currency`),
    run(sql`SELECT ist_day AS day, provider, account, direction, agent_id,
        max(agent_name) AS agent_name, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${total('talk_seconds')} AS talk_seconds,
        ${total('handle_seconds')} AS handle_seconds, ${integerSum('handled_calls')} AS handled_calls
      FROM ${rollupSource(agentsRollup, query)}
      GROUP BY ${new Sql(keys)}, agent_id ORDER BY ${new Sql(keys)}, agent_id`),
    run(unreturnedMissedPage(query, options.listRows, 0)),
    run(latestCalls(query, options.listRows)),
  ]);
  return breakdownOf({
    groupRows,
    unreturnedRows: groupRows,
    hourRows,
    costRows,
    agentRows,
    missedRows,
    callRows,
  });
}
