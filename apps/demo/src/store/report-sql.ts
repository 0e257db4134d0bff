// The report's SQL expressions, for SQLite and PostgreSQL alike: standard aggregates, CASTs
// to the types the drivers hand back as numbers, and lower-case aliases (PostgreSQL folds
// unquoted names).
import { Sql } from './sql.ts';

/** Runs a query and returns its rows; each store supplies one. */
export type RunQuery = (query: Sql) => Promise<Record<string, unknown>[]>;

export const answered = "status = 'answered'";
export const missed = "status IN ('missed', 'busy')";
export const other = `NOT (${answered} OR ${missed})`;

/** The number of rows meeting a condition. */
export const countOf = (condition: string) =>
  new Sql(`CAST(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS INTEGER)`);
/** A sum over no value is NULL: unknown stays unknown, never 0. */
export const total = (expression: string) =>
  new Sql(`CAST(sum(${expression}) AS DOUBLE PRECISION)`);
export const average = (expression: string) =>
  new Sql(`CAST(avg(${expression}) AS DOUBLE PRECISION)`);
/** A sum of counts, as the drivers give numbers back. */
export const integerSum = (column: string) => new Sql(`CAST(sum(${column}) AS INTEGER)`);
/** An average from a sum and a count, NULL over no value as `avg` gives it. */
export const quotient = (sum: string, count: string) =>
  new Sql(`CAST(sum(${sum}) AS DOUBLE PRECISION) / NULLIF(sum(${count}), 0)`);

/** The handle time of an answered call: talk (else call) time plus ring time where given. */
export const handleTime = `CASE WHEN ${answered} THEN coalesce(talk_seconds, total_seconds) + coalesce(ring_seconds, 0) END`;

/**
 * True for a missed or busy call with a number (of the `calls` row named `alias`). One
 * opaque term, so that no index on status or counterpart can serve it: without statistics
 * SQLite otherwise searched `calls_status (status, started_at)` for every missed call and
 * sorted them all for a page. What serves it instead are schema 4's partial indexes, whose
 * predicate is this very expression: the missed calls alone, by start, by provider and start,
 * by account and start (a list walks one backwards and stops at its page).
 */
export function missedWithNumber(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `(CASE WHEN ${column('status')} IN ('missed', 'busy') AND ${column('counterpart')} IS NOT NULL THEN 1 ELSE 0 END) = 1`;
}

/**
 * True for a missed or busy call (of the `calls` row named `missedAlias`) with no answered
 * call to or from the same number afterwards. The later call's status test is wrapped in a
 * CASE too: `calls_counterpart (counterpart, started_at)` reads a handful of a number's
 * calls, where `calls_status` read every later answered call (quadratic: over 5 minutes at
 * 1,000,000 calls; BENCHMARKS.md, B7).
 */
export function isUnreturnedMissed(missedAlias: string): string {
  return `${missedWithNumber(missedAlias)}
       AND NOT EXISTS (
         SELECT 1 FROM calls AS later
         WHERE later.counterpart = ${missedAlias}.counterpart
           AND later.started_at > ${missedAlias}.started_at
           AND (CASE WHEN later.status = 'answered' THEN 1 ELSE 0 END) = 1)`;
}

/**
 * 1 for a child leg of another call (a Twilio `<Dial>` leg: `parent_id` holds its parent's
 * id), else 0. The report counts calls, not legs: a leg's call is its parent's.
 */
export const legOf = 'CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END';
