import type { AccountState, RunOutcome } from './call-store.ts';
import { type Sql, sql } from './sql.ts';

/** An epoch-milliseconds column (SQLite integer, PostgreSQL bigint as text) as a Date, or `undefined` for NULL. */
export function dateColumn(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(Number(value));
}

/** A `sync_state` row, the same in both stores, as an account's state. */
export function accountStateOf(row: Record<string, unknown>): AccountState {
  return {
    account: String(row.account),
    position: dateColumn(row.position),
    lastAttemptAt: dateColumn(row.last_attempt_at),
    lastSuccessAt: dateColumn(row.last_success_at),
    lastError:
      row.last_error === null || row.last_error === undefined ? undefined : String(row.last_error),
    lastErrorAt: dateColumn(row.last_error_at),
    parkedAt: dateColumn(row.parked_at),
  };
}

/**
 * The upsert that records a run's end, one SQL for both stores: a success clears the last
 * error; a failure keeps the last success; a failure that parks the account (its
 * credentials were refused) says since when, until someone unparks it.
 */
export function recordRunStatement(account: string, at: Date, outcome: RunOutcome): Sql {
  const time = at.getTime();
  if (outcome.ok)
    return sql`INSERT INTO sync_state (account, updated_at, last_attempt_at, last_success_at)
      VALUES (${account}, ${time}, ${time}, ${time})
      ON CONFLICT (account) DO UPDATE SET last_attempt_at = EXCLUDED.last_attempt_at,
        last_success_at = EXCLUDED.last_success_at, last_error = NULL, last_error_at = NULL, parked_at = NULL`;
  const parkedAt = outcome.park ? time : null;
  return sql`INSERT INTO sync_state (account, updated_at, last_attempt_at, last_error, last_error_at, parked_at)
    VALUES (${account}, ${time}, ${time}, ${outcome.error}, ${time}, ${parkedAt})
    ON CONFLICT (account) DO UPDATE SET last_attempt_at = EXCLUDED.last_attempt_at,
      last_error = EXCLUDED.last_error, last_error_at = EXCLUDED.last_error_at,
      parked_at = COALESCE(EXCLUDED.parked_at, sync_state.parked_at)`;
}

/** Takes an account out of the parked state: workers sync it again. */
export function unparkStatement(account: string): Sql {
  return sql`UPDATE sync_state SET parked_at = NULL WHERE account = ${account}`;
}
