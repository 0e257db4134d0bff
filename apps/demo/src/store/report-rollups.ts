// The report's figures kept per IST day: for each day, provider, account and direction, the
// sums the report adds up (report_day_groups, _hours, _costs, _agents, created by schema
// version 4). Triggers on `calls` mark the days a write touches in `dirty_days`; before
// figures are read, those days are recomputed from `calls` (through `calls_ist_day`) with
// the same aggregates the report used to run over the whole table (raw-report-figures.ts).
import {
  answered,
  countOf,
  handleTime,
  isUnreturnedMissed,
  missed,
  missedWithNumber,
  other,
  total,
} from './report-sql.ts';
import { Sql, sql } from './sql.ts';

/** A rollup table and the aggregate over `calls` that fills it, column for column. */
export interface Rollup {
  table: string;
  columns: readonly string[];
  /** The rows of the calls selected by `where` (over `calls`, unaliased). */
  aggregate(where: Sql): Sql;
}

const keys = 'ist_day, provider, account, direction';

export const groupsRollup: Rollup = {
  table: 'report_day_groups',
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
  aggregate: (where) => sql`SELECT ${new Sql(keys)}, CAST(count(*) AS INTEGER) AS calls,
      ${countOf(answered)} AS answered, ${countOf(missed)} AS missed, ${countOf(other)} AS other,
      ${total('total_seconds')} AS total_seconds, ${total('talk_seconds')} AS talk_seconds,
      ${total('billed_seconds')} AS billed_seconds, ${total('ring_seconds')} AS ring_seconds,
      CAST(count(ring_seconds) AS INTEGER) AS ring_calls,
      ${countOf(isUnreturnedMissed('calls'))} AS unreturned_missed
    FROM calls WHERE ${where} GROUP BY ${new Sql(keys)}`,
};

export const hoursRollup: Rollup = {
  table: 'report_day_hours',
  columns: [...keys.split(', '), 'ist_weekday', 'ist_hour', 'inbound', 'missed_inbound'],
  aggregate: (where) => sql`SELECT ${new Sql(keys)}, ist_weekday, ist_hour,
      CAST(count(*) AS INTEGER) AS inbound, ${countOf(missed)} AS missed_inbound
    FROM calls WHERE ${where} AND direction = 'inbound'
    GROUP BY ${new Sql(keys)}, ist_weekday, ist_hour`,
};

export const costsRollup: Rollup = {
  table: 'report_day_costs',
  columns: [...keys.split(', '), 'currency', 'amount'],
  aggregate: (where) => sql`SELECT ${new Sql(keys)}, cost_currency AS currency,
      ${total('cost_amount')} AS amount
    FROM calls WHERE ${where} AND cost_amount IS NOT NULL
    GROUP BY ${new Sql(keys)}, cost_currency`,
};

export const agentsRollup: Rollup = {
  table: 'report_day_agents',
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
  aggregate: (where) => sql`SELECT ${new Sql(keys)}, agent_id, max(agent_name) AS agent_name,
      CAST(count(*) AS INTEGER) AS calls, ${countOf(answered)} AS answered,
      ${total('talk_seconds')} AS talk_seconds, ${total(handleTime)} AS handle_seconds,
      CAST(count(${new Sql(handleTime)}) AS INTEGER) AS handled_calls
    FROM calls WHERE ${where} AND agent_id IS NOT NULL
    GROUP BY ${new Sql(keys)}, agent_id`,
};

export const rollups: readonly Rollup[] = [groupsRollup, hoursRollup, costsRollup, agentsRollup];

// The earliest instant a JavaScript Date holds: a constant lower bound (not the row's own
// start) keeps the range a seek on the index.
const earliestInstant = -8_640_000_000_000_000;

/**
 * The days of the missed calls whose "called back?" an answered call (the row `row`: `NEW`
 * or `OLD` in a trigger, a transition table's alias) may change by arriving there, moving
 * or going: its number's missed calls before it, back to the previous answered call of the
 * number (those before that one are returned by it whatever this call does). At or after
 * the previous answered call, not after: a missed call at the same millisecond is not
 * returned by it. Bounded so that a number with years of missed calls costs a handful of
 * rows per answered call, not all of them; both seeks are on `calls_counterpart_status`.
 * Evaluated after the write, with the previous answered call looked up in the table as it
 * then is: for each missed call whose answer changed, some changed answered row has no
 * other answered call between the two, so this still marks it (a superset, at worst).
 */
export function returnedDaysOf(row: string): string {
  return `SELECT DISTINCT earlier.ist_day FROM calls AS earlier
    WHERE earlier.counterpart = ${row}.counterpart AND earlier.status IN ('missed', 'busy')
      AND earlier.started_at < ${row}.started_at
      AND earlier.started_at >= coalesce((
        SELECT max(previous.started_at) FROM calls AS previous
        WHERE previous.counterpart = ${row}.counterpart AND previous.status = 'answered'
          AND previous.started_at < ${row}.started_at), ${earliestInstant})`;
}

/**
 * Takes the dirty days. Deleting them first, in the refresh's transaction, is
 * what keeps a write that lands during the refresh from being lost: see the stores.
 */
export const takeDirtyDays = new Sql('DELETE FROM dirty_days RETURNING ist_day');

// Days per statement: a few hundred parameters, far under either database's limit.
const daysPerStatement = 200;

/** The statements that recompute the rollups of `days` from `calls`, in order. */
export function refreshStatements(days: readonly string[]): Sql[] {
  const statements: Sql[] = [];
  for (let start = 0; start < days.length; start += daysPerStatement) {
    const chunk = days.slice(start, start + daysPerStatement);
    const list = Sql.join(
      chunk.map((day) => sql`${day}`),
      ', ',
    );
    for (const rollup of rollups) {
      statements.push(sql`DELETE FROM ${new Sql(rollup.table)} WHERE ist_day IN (${list})`);
      statements.push(
        sql`INSERT INTO ${new Sql(rollup.table)} (${new Sql(rollup.columns.join(', '))})
          ${rollup.aggregate(sql`calls.ist_day IN (${list})`)}`,
      );
    }
  }
  return statements;
}

/**
 * Schema version 4's tables and indexes (the same SQL for both stores; the triggers are each
 * store's). Built from the queries' own expressions on purpose: a partial index serves a
 * query only if its predicate is the query's term, so changing `missedWithNumber` or the
 * rollups' columns takes a new schema version, not an edit here.
 */
export const rollupTableStatements: readonly string[] = [
  'CREATE TABLE dirty_days (ist_day text PRIMARY KEY)',
  `CREATE TABLE report_day_groups (
    ist_day text NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
    calls integer NOT NULL, answered integer NOT NULL, missed integer NOT NULL,
    other integer NOT NULL, total_seconds double precision, talk_seconds double precision,
    billed_seconds double precision, ring_seconds double precision, ring_calls integer NOT NULL,
    unreturned_missed integer NOT NULL)`,
  'CREATE INDEX report_day_groups_day ON report_day_groups (ist_day)',
  `CREATE TABLE report_day_hours (
    ist_day text NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
    ist_weekday integer NOT NULL, ist_hour integer NOT NULL,
    inbound integer NOT NULL, missed_inbound integer NOT NULL)`,
  'CREATE INDEX report_day_hours_day ON report_day_hours (ist_day)',
  `CREATE TABLE report_day_costs (
    ist_day text NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
    currency text, amount double precision)`,
  'CREATE INDEX report_day_costs_day ON report_day_costs (ist_day)',
  `CREATE TABLE report_day_agents (
    ist_day text NOT NULL, provider text NOT NULL, account text, direction text NOT NULL,
    agent_id text NOT NULL, agent_name text, calls integer NOT NULL, answered integer NOT NULL,
    talk_seconds double precision, handle_seconds double precision, handled_calls integer NOT NULL)`,
  'CREATE INDEX report_day_agents_day ON report_day_agents (ist_day)',
  // The lists of one provider's calls, newest first, walk this backwards and stop at the
  // page; with only (provider, id), SQLite sorted every call of the provider for a page.
  'CREATE INDEX calls_provider_started_at ON calls (provider, started_at)',
  // The same for the unreturned missed calls: only missed calls, so that a filter with few
  // of them (a provider whose calls are all answered) does not read all its calls.
  `CREATE INDEX calls_missed_started_at ON calls (started_at) WHERE ${missedWithNumber()}`,
  `CREATE INDEX calls_missed_provider ON calls (provider, started_at) WHERE ${missedWithNumber()}`,
  `CREATE INDEX calls_missed_account ON calls (account, started_at) WHERE ${missedWithNumber()}`,
  // A database upgraded with calls in it: every day is due.
  'INSERT INTO dirty_days (ist_day) SELECT DISTINCT ist_day FROM calls',
];
