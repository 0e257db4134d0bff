import type { AccountState } from './call-store.ts';

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
  };
}
