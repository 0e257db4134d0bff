import { type Sql, sql } from './sql.ts';

/**
 * Where a database's calls come from: the simulators (no account configured, `cdr demo`)
 * or real accounts. Recorded when the database is first written, so that one kind never
 * lands among the other: simulated calls in a database that billing reads would be
 * counted as real ones, and nothing in a call tells them apart afterwards.
 */
export type DataOrigin = 'simulated' | 'real';

/**
 * What a database says of its origin when a writer claims it: its mark, or `unmarked`
 * for a database that holds calls written before databases were marked (their origin is
 * unknown, so only a real writer may mark it).
 */
export type ClaimedOrigin = DataOrigin | 'unmarked';

const originKey = 'data_origin';

/** The metadata table (schema 5): one row per fact about the database itself. */
export const metadataTableStatement =
  'CREATE TABLE cdr_metadata (key text PRIMARY KEY, value text NOT NULL)';

/** The database's mark, if it has one. */
export const readOriginStatement: Sql = sql`SELECT value FROM cdr_metadata WHERE key = ${originKey}`;

/** Whether the database holds any call. */
export const anyCallStatement: Sql = sql`SELECT 1 AS found FROM calls LIMIT 1`;

/** Marks the database, unless another writer marked it first (whose mark then stands). */
export function markOriginStatement(origin: DataOrigin): Sql {
  return sql`INSERT INTO cdr_metadata (key, value) VALUES (${originKey}, ${origin}) ON CONFLICT (key) DO NOTHING`;
}

/** A stored mark as an origin; anything else (a hand edit) is no mark this cdr knows. */
export function originOf(value: unknown): DataOrigin | undefined {
  return value === 'simulated' || value === 'real' ? value : undefined;
}

/**
 * The claim's rule, which each store runs inside one write transaction: the existing mark
 * wins; an unmarked database that already holds calls may be marked by a real writer (it
 * was written before databases were marked, most likely by a real sync) but is never
 * marked by a simulated one, which gets `unmarked` back. Gives the mark to write, or
 * the answer when nothing is to be written.
 */
export function originClaim(
  origin: DataOrigin,
  existing: Record<string, unknown> | undefined,
  holdsCalls: boolean,
): { mark: DataOrigin } | { answer: ClaimedOrigin } {
  if (existing) return { answer: originOf(existing.value) ?? 'unmarked' };
  if (origin === 'simulated' && holdsCalls) return { answer: 'unmarked' };
  return { mark: origin };
}
