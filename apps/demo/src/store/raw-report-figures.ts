// The report's figures computed straight from `calls`: every figure a GROUP BY over the
// rows the query selects. This is how the report was computed before the rollups
// (report-queries.ts), and what the tests hold the rollups to: both must give the same
// figures for any data and any query. At 1,000,000 calls it reads the whole table several
// times (seconds: BENCHMARKS.md, B11), which is why the store no longer uses it.
import { filterCondition } from './call-filter.ts';
import { quarterHourMs } from './quarter-hours.ts';
import type { ReportBreakdown, ReportFigures, ReportQuery } from './report-figures.ts';
import {
  foldedLegs,
  latestCalls,
  unreturnedMissedFrom,
  unreturnedMissedPage,
} from './report-lists.ts';
import { breakdownOf, type FigureRows, figuresOf } from './report-rows.ts';
import {
  answered,
  average,
  countOf as countWhere,
  handleTime,
  missed,
  other,
  type RunQuery,
  total,
} from './report-sql.ts';
import { localTimeOf } from './report-zone.ts';
import { Sql, sql } from './sql.ts';

/** Every figure of a report, aggregated over the `calls` rows the query selects. */
export async function computeRawReportFigures(
  run: RunQuery,
  query: ReportQuery,
): Promise<ReportFigures> {
  const top = query.top ?? 5;
  const page = query.missedPage ?? 0;
  // Costs add up every leg (a leg's cost is its call's); every other figure counts calls.
  const withLegs = filterCondition(query);
  const where = sql`${withLegs} AND ${foldedLegs(query)}`;
  const local = await localTimeOf(run, query, `started_at / ${quarterHourMs}`);
  const day = local.day;
  const rows: FigureRows = await Promise.all([
    run(sql`SELECT provider, CAST(count(*) AS INTEGER) AS calls,
        ${countWhere(answered)} AS answered, ${countWhere(missed)} AS missed,
        ${total('total_seconds')} AS total_seconds, ${total('talk_seconds')} AS talk_seconds,
        ${total('billed_seconds')} AS billed_seconds
      FROM calls WHERE ${where} GROUP BY provider ORDER BY provider`),
    run(sql`SELECT provider, cost_currency AS currency, ${total('cost_amount')} AS amount
      FROM calls WHERE ${withLegs} AND cost_amount IS NOT NULL
      GROUP BY provider, cost_currency ORDER BY provider, cost_currency`),
    run(sql`SELECT ${day} AS day, provider, direction,
        ${countWhere(answered)} AS answered, ${countWhere(missed)} AS missed,
        ${countWhere(other)} AS other
      FROM calls WHERE ${where} GROUP BY ${day}, provider, direction
      ORDER BY ${day}, provider, direction`),
    run(sql`SELECT ${local.weekday} AS weekday, ${local.hour} AS hour,
        CAST(count(*) AS INTEGER) AS inbound, ${countWhere(missed)} AS missed_inbound
      FROM calls WHERE ${where} AND direction = 'inbound'
      GROUP BY ${local.weekday}, ${local.hour} ORDER BY ${local.weekday}, ${local.hour}`),
    run(sql`SELECT ${day} AS day, CAST(count(*) AS INTEGER) AS calls,
        ${countWhere(answered)} AS answered, ${average('ring_seconds')} AS ring
      FROM calls WHERE ${where} GROUP BY ${day} ORDER BY ${day}`),
    run(sql`SELECT coalesce(max(agent_name), agent_id) AS agent, CAST(count(*) AS INTEGER) AS calls,
        ${countWhere(answered)} AS answered, ${total('talk_seconds')} AS talk_seconds,
        ${average(handleTime)} AS handle_seconds
      FROM calls WHERE ${where} AND agent_id IS NOT NULL
      GROUP BY agent_id ORDER BY calls DESC, agent LIMIT ${top}`),
    run(sql`SELECT CAST(count(*) AS INTEGER) AS n ${unreturnedMissedFrom(query)}`),
    run(unreturnedMissedPage(query, top, page * top)),
  ]);
  return {
    ...figuresOf(query, rows),
    ...(query.breakdown
      ? { breakdown: await computeRawBreakdown(run, query, query.breakdown, where, withLegs) }
      : {}),
  };
}

/** The figures by day, provider, account and direction: see `ReportBreakdown`. */
async function computeRawBreakdown(
  run: RunQuery,
  query: ReportQuery,
  options: { listRows: number },
  where: Sql,
  withLegs: Sql,
): Promise<ReportBreakdown> {
  const { day, hour } = await localTimeOf(run, query, `started_at / ${quarterHourMs}`);
  const missedDay = (await localTimeOf(run, query, `missed.started_at / ${quarterHourMs}`)).day;
  const [groupRows, unreturnedRows, hourRows, costRows, agentRows, missedRows, callRows] =
    await Promise.all([
      run(sql`SELECT ${day} AS day, provider, account, direction, CAST(count(*) AS INTEGER) AS calls,
        ${countWhere(answered)} AS answered, ${countWhere(missed)} AS missed,
        ${countWhere(other)} AS other,
        ${total('total_seconds')} AS total_seconds, ${total('talk_seconds')} AS talk_seconds,
        ${total('billed_seconds')} AS billed_seconds, ${total('ring_seconds')} AS ring_seconds,
        CAST(count(ring_seconds) AS INTEGER) AS ring_calls
      FROM calls WHERE ${where} GROUP BY ${day}, provider, account, direction
      ORDER BY ${day}, provider, account, direction`),
      run(sql`SELECT ${missedDay} AS day, missed.provider AS provider, missed.account AS account,
        missed.direction AS direction, CAST(count(*) AS INTEGER) AS n
      ${unreturnedMissedFrom(query)} GROUP BY ${missedDay}, missed.provider, missed.account, missed.direction`),
      run(sql`SELECT ${day} AS day, ${hour} AS hour, provider, account,
        CAST(count(*) AS INTEGER) AS inbound, ${countWhere(missed)} AS missed_inbound
      FROM calls WHERE ${where} AND direction = 'inbound'
      GROUP BY ${day}, ${hour}, provider, account ORDER BY ${day}, ${hour}, provider, account`),
      run(sql`SELECT ${day} AS day, provider, account, direction, cost_currency AS currency,
        ${total('cost_amount')} AS amount
      FROM calls WHERE ${withLegs} AND cost_amount IS NOT NULL
      GROUP BY ${day}, provider, account, direction, cost_currency
      ORDER BY ${day}, provider, account, direction, cost_currency`),
      run(sql`SELECT ${day} AS day, provider, account, direction, agent_id,
        max(agent_name) AS agent_name, CAST(count(*) AS INTEGER) AS calls,
        ${countWhere(answered)} AS answered, ${total('talk_seconds')} AS talk_seconds,
        ${total(handleTime)} AS handle_seconds,
        CAST(count(${new Sql(handleTime)}) AS INTEGER) AS handled_calls
      FROM calls WHERE ${where} AND agent_id IS NOT NULL
      GROUP BY ${day}, provider, account, direction, agent_id
      ORDER BY ${day}, provider, account, direction, agent_id`),
      run(unreturnedMissedPage(query, options.listRows, 0)),
      run(latestCalls(query, options.listRows)),
    ]);
  return breakdownOf({
    groupRows,
    unreturnedRows,
    hourRows,
    costRows,
    agentRows,
    missedRows,
    callRows,
  });
}
