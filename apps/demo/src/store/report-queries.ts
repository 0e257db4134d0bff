// The report's figures from the per-quarter-hour rollups (report-rollups.ts): the quarters
// the query covers whole come from the rollup tables, the partial quarters at its edges from
// `calls` through `calls_started_at`, with the same aggregates the rollups were filled with;
// each row's quarter then gives its day and hour in the query's zone. Every filter a report
// takes (providers, accounts, sources, direction, legs) is a rollup key, so any filter adds
// up rollup rows. The figures are the ones the raw computation gives (raw-report-figures.ts;
// the store contract holds them equal).
import { filterCondition } from './call-filter.ts';
import {
  coarsestPeriod,
  localTimeSql,
  type MsRange,
  type OffsetSpan,
  quarterHourMs,
  splitIntoQuarters,
} from './quarter-hours.ts';
import type { ReportBreakdown, ReportFigures, ReportQuery } from './report-figures.ts';
import { latestCalls, unreturnedMissedPage } from './report-lists.ts';
import {
  agentsRollup,
  costsRollup,
  type Grain,
  groupsRollup,
  quarterGrain,
  type Rollup,
  tableOf,
  utcDayGrain,
} from './report-rollups.ts';
import { breakdownOf, type FigureRows, figuresOf, type Row } from './report-rows.ts';
import { integerSum, quotient, type RunQuery, total } from './report-sql.ts';
import { type ZoneOffsets, zoneOf } from './report-zone.ts';
import { Sql, sql } from './sql.ts';

/** Whether a rollup's figures leave out child legs: all but costs, unless legs are counted. */
const foldsLegs = (rollup: Rollup, query: ReportQuery) => !query.legs && rollup !== costsRollup;

/** A rollup's kept rows of the periods `first`–`last` of `grain` (either open). */
function keptRows(
  rollup: Rollup,
  grain: Grain,
  query: ReportQuery,
  first: number | undefined,
  last: number | undefined,
): Sql {
  const conditions = [filterCondition({ ...query, from: undefined, to: undefined }, 'kept')];
  if (first !== undefined) conditions.push(sql`kept.period >= ${first}`);
  if (last !== undefined) conditions.push(sql`kept.period <= ${last}`);
  if (foldsLegs(rollup, query)) conditions.push(new Sql('kept.leg = 0'));
  return sql`SELECT ${new Sql(rollup.columns.join(', '))} FROM ${new Sql(tableOf(rollup, grain))} AS kept
    WHERE ${Sql.join(conditions, ' AND ')}`;
}

/** A rollup's rows of the parts of quarters at a range's ends, from `calls`, by quarter. */
function edgeRows(
  rollup: Rollup,
  query: ReportQuery,
  edges: readonly MsRange[],
  grain: Grain = quarterGrain,
): Sql {
  const ranges = edges.map(
    (edge) => sql`(calls.started_at >= ${edge.from} AND calls.started_at <= ${edge.to})`,
  );
  const inRange = ranges.length > 0 ? sql`(${Sql.join(ranges, ' OR ')})` : new Sql('1 = 0');
  const legs = foldsLegs(rollup, query) ? new Sql(' AND calls.parent_id IS NULL') : new Sql('');
  const keysOnly = { ...query, from: undefined, to: undefined };
  return rollup.aggregate(sql`${filterCondition(keysOnly)} AND ${inRange}${legs}`, grain);
}

/**
 * A rollup's rows for the query by period, each with its local `day`, `hour` and `weekday`:
 * the whole periods in range from the rollup, the partial ones at its ends from `calls`.
 * What the figures per day and hour add up. The period is the longest the zone's offsets
 * allow among the rollup's (an hour for New York, half an hour for India, a quarter for
 * Nepal); never a day, which has no hours.
 */
function localRollupSource(rollup: Rollup, query: ReportQuery, spans: readonly OffsetSpan[]): Sql {
  const candidates = rollup.grains.filter((grain) => grain.ms <= 3_600_000);
  const periodMs = coarsestPeriod(
    spans,
    candidates.map((grain) => grain.ms),
  );
  const grain = candidates.find((each) => each.ms === periodMs) ?? quarterGrain;
  const time = localTimeSql('rolled.period', spans, grain.ms);
  const split = splitIntoQuarters(query.from, query.to, grain.ms);
  const parts: Sql[] = [];
  if (split.quarters)
    parts.push(keptRows(rollup, grain, query, split.quarters.first, split.quarters.last));
  if (split.edges.length > 0 || parts.length === 0)
    parts.push(edgeRows(rollup, query, split.edges, grain));
  return sql`(SELECT rolled.*, ${time.day} AS day, ${time.hour} AS hour,
      ${time.weekday} AS weekday
    FROM (${Sql.join(parts, ' UNION ALL ')}) AS rolled) AS localized`;
}

/**
 * The periods of `periodMs` in `[fromMs, toMs]` that do not fall in one local day: the
 * zone's midnight, or a change of its offset, is inside them. India's are the hours from
 * 18:00 UTC; New York's none. The same arithmetic as `localTimeSql`'s, in JavaScript.
 */
function periodsAcrossDays(
  spans: readonly OffsetSpan[],
  periodMs: number,
  fromMs: number,
  toMs: number,
): number[] {
  const factor = periodMs / quarterHourMs;
  const offsetOf = (quarter: number) => {
    let offset = spans[0]!.offsetMs;
    for (const span of spans.slice(1)) if (quarter >= span.fromQuarter) offset = span.offsetMs;
    return offset;
  };
  const dayOf = (quarter: number) =>
    Math.trunc((quarter * quarterHourMs + offsetOf(quarter)) / 86_400_000);
  const changes = new Set(
    spans
      .slice(1)
      .filter((span) => span.fromQuarter % factor !== 0)
      .map((span) => Math.floor(span.fromQuarter / factor)),
  );
  const across: number[] = [];
  for (
    let period = Math.floor(fromMs / periodMs);
    period <= Math.floor(toMs / periodMs);
    period++
  ) {
    if (changes.has(period) || dayOf(period * factor) !== dayOf(period * factor + factor - 1))
      across.push(period);
  }
  return across;
}

// Past this many periods across days (a decade of India's) the quarters are read instead:
// a statement's parameters stay far under either database's limit.
const maxAcrossDays = 4000;

/**
 * A rollup's rows for the query, each with its local `day` (no hour: what the figures per
 * day add up). Rows of the coarsest period the rollup keeps up to an hour, except those a
 * local midnight or a change of offset falls inside, read as their quarters; the minutes at
 * the range's ends from `calls`, by quarter. India's days are 23 hours and 4 quarters each,
 * where `localRollupSource` reads 48 half hours (and the costs' and agents' 96 quarters).
 */
function localDaySource(rollup: Rollup, query: ReportQuery, zone: ZoneOffsets): Sql {
  const grain = rollup.grains
    .filter((each) => each.ms <= 3_600_000)
    .reduce((coarsest, each) => (each.ms > coarsest.ms ? each : coarsest), quarterGrain);
  if (grain === quarterGrain) return localRollupSource(rollup, query, zone.spans);
  const across = periodsAcrossDays(zone.spans, grain.ms, zone.fromMs, zone.toMs);
  if (across.length > maxAcrossDays) return localRollupSource(rollup, query, zone.spans);
  const factor = grain.ms / quarterHourMs;
  const withDay = (rows: Sql, periodMs: number, where = new Sql('1 = 1')) =>
    sql`SELECT part.*, ${localTimeSql('part.period', zone.spans, periodMs).day} AS day
      FROM (${rows}) AS part WHERE ${where}`;
  const split = splitIntoQuarters(query.from, query.to, grain.ms);
  const parts: Sql[] = [];
  if (split.quarters) {
    const { first, last } = split.quarters;
    const whole = keptRows(rollup, grain, query, first, last);
    parts.push(
      across.length === 0
        ? withDay(whole, grain.ms)
        : withDay(
            whole,
            grain.ms,
            sql`part.period NOT IN (${Sql.join(
              across.map((period) => sql`${period}`),
              ', ',
            )})`,
          ),
    );
    const quarters = across
      .filter(
        (period) =>
          (first === undefined || period >= first) && (last === undefined || period <= last),
      )
      .map(
        (period) => sql`part.period BETWEEN ${period * factor} AND ${period * factor + factor - 1}`,
      );
    if (quarters.length > 0)
      parts.push(
        withDay(
          keptRows(rollup, quarterGrain, query, undefined, undefined),
          quarterHourMs,
          sql`(${Sql.join(quarters, ' OR ')})`,
        ),
      );
  }
  if (split.edges.length > 0 || parts.length === 0)
    parts.push(withDay(edgeRows(rollup, query, split.edges), quarterHourMs));
  return sql`(${Sql.join(parts, ' UNION ALL ')}) AS localized`;
}

const quartersPerDay = 96;

/**
 * A rollup's rows for a total over the query's range, in any zone: its whole UTC days from
 * the per-day rows, the whole quarters before and after them from the per-quarter rows, the
 * minutes at its ends from `calls`. Some hundreds of rows for a quarter of a year, where
 * quarters alone are 96 times as many (BENCHMARKS.md, B11).
 */
function totalRollupSource(rollup: Rollup, query: ReportQuery): Sql {
  const split = splitIntoQuarters(query.from, query.to);
  const parts: Sql[] = [];
  if (split.quarters) {
    const { first, last } = split.quarters;
    const firstDay = first === undefined ? undefined : Math.ceil(first / quartersPerDay);
    const lastDay = last === undefined ? undefined : Math.floor((last + 1) / quartersPerDay) - 1;
    if (firstDay !== undefined && lastDay !== undefined && firstDay > lastDay) {
      parts.push(keptRows(rollup, quarterGrain, query, first, last));
    } else {
      parts.push(keptRows(rollup, utcDayGrain, query, firstDay, lastDay));
      if (first !== undefined && firstDay !== undefined && first < firstDay * quartersPerDay)
        parts.push(keptRows(rollup, quarterGrain, query, first, firstDay * quartersPerDay - 1));
      if (last !== undefined && lastDay !== undefined && last >= (lastDay + 1) * quartersPerDay)
        parts.push(keptRows(rollup, quarterGrain, query, (lastDay + 1) * quartersPerDay, last));
    }
  }
  if (split.edges.length > 0 || parts.length === 0)
    parts.push(edgeRows(rollup, query, split.edges));
  return sql`(${Sql.join(parts, ' UNION ALL ')}) AS rolled`;
}

/** The trend's rows (`day`, `calls`, `answered`, `ring`) from the days' rows, in day order. */
function trendOfDays(dayRows: Row[]): Row[] {
  const byDay = new Map<number, { calls: number; answered: number; ring: number; rung: number }>();
  for (const row of dayRows) {
    const day = Number(row.day);
    const sums = byDay.get(day) ?? { calls: 0, answered: 0, ring: 0, rung: 0 };
    sums.calls += Number(row.calls);
    sums.answered += Number(row.answered);
    sums.ring += Number(row.ring_seconds ?? 0);
    sums.rung += Number(row.ring_calls);
    byDay.set(day, sums);
  }
  return [...byDay].map(([day, sums]) => ({
    day,
    calls: sums.calls,
    answered: sums.answered,
    ring: sums.rung === 0 ? null : sums.ring / sums.rung,
  }));
}

/** Computes every figure of a report from the rollups (which the store has refreshed). */
export async function computeReportFigures(
  run: RunQuery,
  query: ReportQuery,
): Promise<ReportFigures> {
  const top = query.top ?? 5;
  const page = query.missedPage ?? 0;
  const zone = await zoneOf(run, query);
  const local = zone.spans;
  const groups = localRollupSource(groupsRollup, query, local);
  const groupTotals = totalRollupSource(groupsRollup, query);
  // The trend is the days' rows added up by day (in JS): one scan of the quarters, not two.
  const days = run(sql`SELECT day, provider, direction, ${integerSum('answered')} AS answered,
      ${integerSum('missed')} AS missed, ${integerSum('other')} AS other,
      ${integerSum('calls')} AS calls, ${total('ring_seconds')} AS ring_seconds,
      ${integerSum('ring_calls')} AS ring_calls
    FROM ${localDaySource(groupsRollup, query, zone)} GROUP BY day, provider, direction
    ORDER BY day, provider, direction`);
  const rows: FigureRows = await Promise.all([
    run(sql`SELECT provider, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${integerSum('missed')} AS missed,
        ${total('total_seconds')} AS total_seconds, ${total('talk_seconds')} AS talk_seconds,
        ${total('billed_seconds')} AS billed_seconds
      FROM ${groupTotals} GROUP BY provider ORDER BY provider`),
    run(sql`SELECT provider, currency, ${total('amount')} AS amount
      FROM ${totalRollupSource(costsRollup, query)}
      GROUP BY provider, currency ORDER BY provider, currency`),
    days,
    run(sql`SELECT weekday, hour, ${integerSum('calls')} AS inbound,
        ${integerSum('missed')} AS missed_inbound
      FROM ${groups} WHERE direction = 'inbound'
      GROUP BY weekday, hour ORDER BY weekday, hour`),
    days.then(trendOfDays),
    run(sql`SELECT coalesce(max(agent_name), agent_id) AS agent, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${total('talk_seconds')} AS talk_seconds,
        ${quotient('handle_seconds', 'handled_calls')} AS handle_seconds
      FROM ${totalRollupSource(agentsRollup, query)}
      GROUP BY agent_id ORDER BY calls DESC, agent LIMIT ${top}`),
    run(sql`SELECT ${integerSum('unreturned_missed')} AS n FROM ${groupTotals}`),
    run(unreturnedMissedPage(query, top, page * top)),
  ]);
  return {
    ...figuresOf(query, rows),
    ...(query.breakdown
      ? { breakdown: await computeBreakdown(run, query, query.breakdown, zone) }
      : {}),
  };
}

/** The figures by day, provider, account and direction: see `ReportBreakdown`. */
async function computeBreakdown(
  run: RunQuery,
  query: ReportQuery,
  options: { listRows: number },
  zone: ZoneOffsets,
): Promise<ReportBreakdown> {
  const local = zone.spans;
  const keys = 'day, provider, account, direction';
  const [groupRows, hourRows, costRows, agentRows, missedRows, callRows] = await Promise.all([
    run(sql`SELECT day, provider, account, direction, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${integerSum('missed')} AS missed,
        ${integerSum('other')} AS other, ${total('total_seconds')} AS total_seconds,
        ${total('talk_seconds')} AS talk_seconds, ${total('billed_seconds')} AS billed_seconds,
        ${total('ring_seconds')} AS ring_seconds, ${integerSum('ring_calls')} AS ring_calls,
        ${integerSum('unreturned_missed')} AS n
      FROM ${localDaySource(groupsRollup, query, zone)}
      GROUP BY ${new Sql(keys)} ORDER BY ${new Sql(keys)}`),
    run(sql`SELECT day, hour, provider, account,
        ${integerSum('calls')} AS inbound, ${integerSum('missed')} AS missed_inbound
      FROM ${localRollupSource(groupsRollup, query, local)} WHERE direction = 'inbound'
      GROUP BY day, hour, provider, account ORDER BY day, hour, provider, account`),
    run(sql`SELECT day, provider, account, direction, currency,
        ${total('amount')} AS amount
      FROM ${localDaySource(costsRollup, query, zone)}
      GROUP BY ${new Sql(keys)}, currency ORDER BY ${new Sql(keys)}, currency`),
    run(sql`SELECT day, provider, account, direction, agent_id,
        max(agent_name) AS agent_name, ${integerSum('calls')} AS calls,
        ${integerSum('answered')} AS answered, ${total('talk_seconds')} AS talk_seconds,
        ${total('handle_seconds')} AS handle_seconds, ${integerSum('handled_calls')} AS handled_calls
      FROM ${localDaySource(agentsRollup, query, zone)}
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
