// The report's figures kept per quarter hour of UTC: for each quarter, provider, account,
// direction and leg (1 for a child leg of another call, such as a Twilio <Dial> leg), the
// sums the report adds up (report_quarter_groups, _costs, _agents, created by schema
// version 7). Any zone's days and hours are whole quarters (quarter-hours.ts), so one set of
// figures serves every zone; the same sums per half hour, hour and UTC day (see `Grain`)
// only make the adding faster. Triggers on `calls` mark the quarters a write touches in
// `dirty_quarters`; before figures are read, those quarters (and the half hours, hours and
// days they fall in) are recomputed from `calls` (through `calls_started_at`) with the same
// aggregates the report would run over the whole table (raw-report-figures.ts).

import { quarterHourMs } from './quarter-hours.ts';
import {
  answered,
  countOf,
  handleTime,
  isUnreturnedMissed,
  legOf,
  missed,
  other,
  total,
} from './report-sql.ts';
import { Sql, sql } from './sql.ts';

/**
 * The periods a rollup is kept by: quarter hours of UTC, which any zone's days and hours
 * are sums of, and UTC days, which a total over a range adds up 96 times faster (a figure
 * such as the busiest agents needs no day of its own: a range's whole UTC days, then the
 * quarters and minutes at its ends). `period` is `started_at / ms`.
 */
export interface Grain {
  ms: number;
  /** The tables' prefix: `report_quarter_groups`, `report_utc_day_groups`. */
  prefix: string;
}

export const quarterGrain: Grain = { ms: quarterHourMs, prefix: 'report_quarter_' };
export const halfHourGrain: Grain = { ms: 1_800_000, prefix: 'report_half_hour_' };
export const hourGrain: Grain = { ms: 3_600_000, prefix: 'report_hour_' };
export const utcDayGrain: Grain = { ms: 86_400_000, prefix: 'report_utc_day_' };

/** A rollup and the aggregate over `calls` that fills its tables, column for column. */
export interface Rollup {
  /** The tables' name after the grain's prefix. */
  name: string;
  /**
   * The grains it is kept by: quarters and UTC days, and for the groups (what the figures
   * per local day and hour read) half hours and hours too, which zones a whole number of
   * half hours or hours from UTC (India, New York) add up two or four times faster.
   */
  grains: readonly Grain[];
  columns: readonly string[];
  /** The rows of the calls selected by `where` (over `calls`, unaliased), by `grain`. */
  aggregate(where: Sql, grain?: Grain): Sql;
  /**
   * How each column after the keys merges rows of finer periods into a coarser one: the
   * rows' `sum` (a count, `integer`, or a sum of seconds or money, `double`), their `max`,
   * or a `key` the rows are grouped by as well.
   */
  merge: Readonly<Record<string, 'integer' | 'double' | 'max' | 'key'>>;
}

/** The table of a rollup at a grain. */
export const tableOf = (rollup: Rollup, grain: Grain) => `${grain.prefix}${rollup.name}`;

/** The quarter of a `calls` row, as the dirty marks key it. */
export const quarterOfRow = `started_at / ${quarterHourMs}`;
const keys = 'period, provider, account, direction, leg';
const keyColumns = (grain: Grain) =>
  new Sql(`started_at / ${grain.ms} AS period, provider, account, direction, ${legOf} AS leg`);
const groupKeys = (grain: Grain) =>
  new Sql(`started_at / ${grain.ms}, provider, account, direction, ${legOf}`);

export const groupsRollup: Rollup = {
  name: 'groups',
  grains: [quarterGrain, halfHourGrain, hourGrain, utcDayGrain],
  columns: [
    ...keys.split(', '),
    'calls',
    'answered',
    'missed',
    'other',
    'total_seconds',
    'talk_seconds',
    'billed_seconds',
    'ring_seconds',
    'ring_calls',
    'unreturned_missed',
  ],
  // Whether a missed call was returned depends on later calls, of any day: the triggers
  // mark the days of a number's earlier missed calls when an answered call to it changes.
  aggregate: (where, grain = quarterGrain) => sql`SELECT ${keyColumns(grain)},
      CAST(count(*) AS INTEGER) AS calls,
      ${countOf(answered)} AS answered, ${countOf(missed)} AS missed, ${countOf(other)} AS other,
      ${total('total_seconds')} AS total_seconds, ${total('talk_seconds')} AS talk_seconds,
      ${total('billed_seconds')} AS billed_seconds, ${total('ring_seconds')} AS ring_seconds,
      CAST(count(ring_seconds) AS INTEGER) AS ring_calls,
      ${countOf(isUnreturnedMissed('calls'))} AS unreturned_missed
    FROM calls WHERE ${where} GROUP BY ${groupKeys(grain)}`,
  merge: {
    calls: 'integer',
    answered: 'integer',
    missed: 'integer',
    other: 'integer',
    total_seconds: 'double',
    talk_seconds: 'double',
    billed_seconds: 'double',
    ring_seconds: 'double',
    ring_calls: 'integer',
    unreturned_missed: 'integer',
  },
};

export const costsRollup: Rollup = {
  name: 'costs',
  grains: [quarterGrain, hourGrain, utcDayGrain],
  columns: [...keys.split(', '), 'currency', 'amount'],
  aggregate: (where, grain = quarterGrain) => sql`SELECT ${keyColumns(grain)},
      cost_currency AS currency, ${total('cost_amount')} AS amount
    FROM calls WHERE ${where} AND cost_amount IS NOT NULL
    GROUP BY ${groupKeys(grain)}, cost_currency`,
  merge: { currency: 'key', amount: 'double' },
};

export const agentsRollup: Rollup = {
  name: 'agents',
  grains: [quarterGrain, hourGrain, utcDayGrain],
  columns: [
    ...keys.split(', '),
    'agent_id',
    'agent_name',
    'calls',
    'answered',
    'talk_seconds',
    'handle_seconds',
    'handled_calls',
  ],
  aggregate: (where, grain = quarterGrain) => sql`SELECT ${keyColumns(grain)}, agent_id,
      max(agent_name) AS agent_name,
      CAST(count(*) AS INTEGER) AS calls, ${countOf(answered)} AS answered,
      ${total('talk_seconds')} AS talk_seconds, ${total(handleTime)} AS handle_seconds,
      CAST(count(${new Sql(handleTime)}) AS INTEGER) AS handled_calls
    FROM calls WHERE ${where} AND agent_id IS NOT NULL
    GROUP BY ${groupKeys(grain)}, agent_id`,
  merge: {
    agent_id: 'key',
    agent_name: 'max',
    calls: 'integer',
    answered: 'integer',
    talk_seconds: 'double',
    handle_seconds: 'double',
    handled_calls: 'integer',
  },
};

export const rollups: readonly Rollup[] = [groupsRollup, costsRollup, agentsRollup];

// The earliest instant a JavaScript Date holds: a constant lower bound (not the row's own
// start) keeps the range a seek on the index.
const earliestInstant = -8_640_000_000_000_000;

/**
 * The `column` (an expression over `earlier`) of the missed calls whose "called back?" an
 * answered call (the row `row`: `NEW` or `OLD` in a trigger, a transition table's alias)
 * may change by arriving there, moving or going: its number's missed calls before it, back
 * to the previous answered call of the number (those before that one are returned by it
 * whatever this call does). At or after the previous answered call, not after: a missed
 * call at the same millisecond is not returned by it. Bounded so that a number with years
 * of missed calls costs a handful of rows per answered call, not all of them; both seeks
 * are on `calls_counterpart_status`. Evaluated after the write, with the previous answered
 * call looked up in the table as it then is: for each missed call whose answer changed, some
 * changed answered row has no other answered call between the two, so this still marks it
 * (a superset, at worst).
 */
export function returnedMissedOf(row: string, column: string): string {
  return `SELECT DISTINCT ${column} FROM calls AS earlier
    WHERE earlier.counterpart = ${row}.counterpart AND earlier.status IN ('missed', 'busy')
      AND earlier.started_at < ${row}.started_at
      AND earlier.started_at >= coalesce((
        SELECT max(previous.started_at) FROM calls AS previous
        WHERE previous.counterpart = ${row}.counterpart AND previous.status = 'answered'
          AND previous.started_at < ${row}.started_at), ${earliestInstant})`;
}

/** The quarters of the missed calls an answered call `row` may return (`returnedMissedOf`). */
export const returnedQuartersOf = (row: string) =>
  returnedMissedOf(row, `earlier.started_at / ${quarterHourMs} AS quarter`);

/**
 * The number of calls stored, legs included. Kept figures are exact when no quarter is
 * dirty, and then the calls are the UTC days' rows added up (some hundreds of rows, where
 * `count(*)` reads a million index entries: 20–60 ms, on every dashboard request, which
 * counts to know whether the calls changed; BENCHMARKS.md, B11). With quarters due the
 * table itself is counted. One statement, one snapshot: no write lands between the two.
 */
export const countAllCalls = new Sql(`SELECT CAST(CASE
    WHEN EXISTS (SELECT 1 FROM dirty_quarters) THEN (SELECT count(*) FROM calls)
    ELSE (SELECT coalesce(sum(calls), 0) FROM ${tableOf(groupsRollup, utcDayGrain)})
  END AS INTEGER) AS n`);

/**
 * Takes the dirty quarters. Deleting them first, in the refresh's transaction, is what keeps
 * a write that lands during the refresh from being lost: see the stores.
 */
export const takeDirtyQuarters = new Sql('DELETE FROM dirty_quarters RETURNING quarter');

// Ranges per statement: a few hundred parameters, far under either database's limit.
const rangesPerStatement = 200;

/** Consecutive quarters as `[first, last]` runs: a sync's quarters are mostly one run. */
function runsOf(quarters: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const quarter of [...quarters].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && quarter === last[1] + 1) last[1] = quarter;
    else runs.push([quarter, quarter]);
  }
  return runs;
}

/**
 * A rollup's rows of a coarser `grain`, merged from its quarter rows in the quarters
 * `where` selects (over the quarter table, unaliased): every column a sum or a maximum of
 * its quarters', so the same figures the calls give, from thousands of rows instead of
 * reading the calls again (and again looking for each missed call's callback).
 */
function mergedFromQuarters(rollup: Rollup, grain: Grain, where: Sql): Sql {
  const factor = grain.ms / quarterHourMs;
  const keys = ['provider', 'account', 'direction', 'leg'];
  const extraKeys = Object.keys(rollup.merge).filter((column) => rollup.merge[column] === 'key');
  const values = rollup.columns.slice(keys.length + 1).map((column) => {
    const kind = rollup.merge[column];
    if (kind === 'key') return column;
    if (kind === 'max') return `max(${column}) AS ${column}`;
    if (kind === 'integer') return `CAST(sum(${column}) AS INTEGER) AS ${column}`;
    return `CAST(sum(${column}) AS DOUBLE PRECISION) AS ${column}`;
  });
  const source = tableOf(rollup, quarterGrain);
  // Grouped by the quarter table's own column, named in full: not the alias it becomes.
  const period = `${source}.period / ${factor}`;
  const groupBy = [period, ...keys, ...extraKeys].join(', ');
  return sql`SELECT ${new Sql([`${period} AS period`, ...keys, ...values].join(', '))}
    FROM ${new Sql(source)} WHERE ${where} GROUP BY ${new Sql(groupBy)}`;
}

/**
 * The statements that recompute the rollups of `quarters`, in order: the quarters' rows
 * from `calls`, then the rows of the half hours, hours and UTC days they fall in from the
 * quarters' rows (set-based: one DELETE and one INSERT per table and 200 runs of periods).
 */
export function refreshStatements(quarters: readonly number[]): Sql[] {
  const statements: Sql[] = [];
  for (const grain of [quarterGrain, halfHourGrain, hourGrain, utcDayGrain]) {
    const periods = new Set(
      quarters.map((quarter) => Math.floor((quarter * quarterHourMs) / grain.ms)),
    );
    const runs = runsOf([...periods]);
    for (let start = 0; start < runs.length; start += rangesPerStatement) {
      const chunk = runs.slice(start, start + rangesPerStatement);
      const inRuns = (column: string, scale: number) =>
        sql`(${Sql.join(
          chunk.map(
            ([first, last]) =>
              sql`${new Sql(column)} BETWEEN ${first * scale} AND ${(last + 1) * scale - 1}`,
          ),
          ' OR ',
        )})`;
      for (const rollup of rollups.filter((each) => each.grains.includes(grain))) {
        const table = tableOf(rollup, grain);
        statements.push(sql`DELETE FROM ${new Sql(table)} WHERE ${inRuns(`${table}.period`, 1)}`);
        const rows =
          grain === quarterGrain
            ? rollup.aggregate(inRuns('calls.started_at', grain.ms), grain)
            : mergedFromQuarters(
                rollup,
                grain,
                inRuns(`${tableOf(rollup, quarterGrain)}.period`, grain.ms / quarterHourMs),
              );
        statements.push(
          sql`INSERT INTO ${new Sql(table)} (${new Sql(rollup.columns.join(', '))}) ${rows}`,
        );
      }
    }
  }
  return statements;
}

/**
 * Schema version 7's tables (the same SQL for both stores; the triggers are each store's).
 * Each is indexed by period: a report reads a range of them, a refresh deletes some.
 */
const costsTable = (grain: Grain) => `CREATE TABLE ${tableOf(costsRollup, grain)} (
      period bigint NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
      leg smallint NOT NULL, currency text, amount double precision)`;
const agentsTable = (grain: Grain) => `CREATE TABLE ${tableOf(agentsRollup, grain)} (
      period bigint NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
      leg smallint NOT NULL, agent_id text NOT NULL, agent_name text, calls integer NOT NULL,
      answered integer NOT NULL, talk_seconds double precision, handle_seconds double precision,
      handled_calls integer NOT NULL)`;
const periodIndex = (rollup: Rollup, grain: Grain) =>
  `CREATE INDEX ${tableOf(rollup, grain)}_period ON ${tableOf(rollup, grain)} (period)`;

export const rollupTableStatements: readonly string[] = [
  'CREATE TABLE dirty_quarters (quarter bigint PRIMARY KEY)',
  ...[quarterGrain, halfHourGrain, hourGrain, utcDayGrain].map(
    (grain) => `CREATE TABLE ${tableOf(groupsRollup, grain)} (
      period bigint NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
      leg smallint NOT NULL, calls integer NOT NULL, answered integer NOT NULL,
      missed integer NOT NULL, other integer NOT NULL, total_seconds double precision,
      talk_seconds double precision, billed_seconds double precision,
      ring_seconds double precision, ring_calls integer NOT NULL, unreturned_missed integer NOT NULL)`,
  ),
  ...[quarterGrain, utcDayGrain].flatMap((grain) => [costsTable(grain), agentsTable(grain)]),
  // Schema 7's grains, as they were: schema 8 adds the costs' and agents' hours.
  ...[quarterGrain, halfHourGrain, hourGrain, utcDayGrain].map((grain) =>
    periodIndex(groupsRollup, grain),
  ),
  ...[quarterGrain, utcDayGrain].flatMap((grain) => [
    periodIndex(costsRollup, grain),
    periodIndex(agentsRollup, grain),
  ]),
  'DROP TABLE report_day_groups',
  'DROP TABLE report_day_hours',
  'DROP TABLE report_day_costs',
  'DROP TABLE report_day_agents',
  'DROP TABLE dirty_days',
  // A database upgraded with calls in it: every quarter is due.
  `INSERT INTO dirty_quarters (quarter) SELECT DISTINCT ${quarterOfRow} FROM calls`,
];

/**
 * Schema 8's tables: the costs and agents per hour of UTC, filled from their quarters (a
 * quarter still due is recomputed, with its hour, by the next refresh as always). What a
 * local day of them adds up is hours, and quarters only for the hour in which the zone's
 * midnight falls: the per-day agent breakdown of a saved dashboard read 4 times as many rows.
 */
export const hourRollupStatements: readonly string[] = [
  costsTable(hourGrain),
  agentsTable(hourGrain),
  periodIndex(costsRollup, hourGrain),
  periodIndex(agentsRollup, hourGrain),
  ...[costsRollup, agentsRollup].map(
    (rollup) =>
      `INSERT INTO ${tableOf(rollup, hourGrain)} (${rollup.columns.join(', ')}) ${mergedFromQuarters(rollup, hourGrain, new Sql('1 = 1')).text}`,
  ),
];
