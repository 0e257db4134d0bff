// Schema version 4's SQL as it was: the report's figures per IST day. A migration's SQL is
// history (a database at version 3 upgrades through it), so it is kept as written then;
// version 7 (report-rollups.ts) replaces these tables with quarter-hour ones.
import { returnedMissedOf } from './report-rollups.ts';
import { missedWithNumber } from './report-sql.ts';

/** The IST days of the missed calls an answered call `row` may return. */
export const returnedIstDaysOf = (row: string) => returnedMissedOf(row, 'earlier.ist_day');

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
