import { createHash } from 'node:crypto';
import type { Migration } from './schema-migrations.ts';
import { type Sql, sql } from './sql.ts';

/**
 * A record a provider sent that cannot be trusted (a time that does not exist, an end
 * before its start, a field it cannot read), as the listing reported it (`record-rejected`):
 * kept aside with why and its raw form, never stored as a call, never dropped silently.
 */
export interface RejectedRecord {
  /** The account whose listing received it (`twilio:main`). */
  account: string;
  provider: string;
  /** The call's id, when it could be read. */
  id: string | undefined;
  endpoint: string;
  /** What is wrong, in one line (names fields, never values). */
  reason: string;
  /** The record as received, secrets redacted. */
  raw: unknown;
  /** The window of the listing that received it: what a retry lists again. */
  window: { from: Date; to: Date };
}

/** A quarantined record as stored: when it was first and last seen. */
export interface QuarantinedRecord extends RejectedRecord {
  /** Its key within the account: the id, or a digest of the raw form when it has none. */
  key: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Schema 6: the quarantine, one row per record kept aside, by account and key. */
export const quarantineMigration: Migration = {
  version: 6,
  description: 'the quarantine: records a provider sent that cannot be trusted, kept aside',
  statements: [
    `CREATE TABLE quarantine (
      account text NOT NULL,
      record_key text NOT NULL,
      provider text NOT NULL,
      call_id text,
      endpoint text NOT NULL,
      reason text NOT NULL,
      raw text NOT NULL,
      window_from bigint NOT NULL,
      window_to bigint NOT NULL,
      first_seen_at bigint NOT NULL,
      last_seen_at bigint NOT NULL,
      PRIMARY KEY (account, record_key)
    )`,
  ],
};

/** A record's key: its id, or a digest of its raw form (a record whose id cannot be read). */
export function quarantineKey(record: Pick<RejectedRecord, 'id' | 'raw'>): string {
  if (record.id !== undefined) return `id:${record.id}`;
  return `raw:${createHash('sha256')
    .update(JSON.stringify(record.raw) ?? '')
    .digest('hex')
    .slice(0, 32)}`;
}

/** Keeps a rejected record aside, or refreshes why and when it was last seen. */
export function quarantineStatement(record: RejectedRecord, at: number): Sql {
  return sql`INSERT INTO quarantine (account, record_key, provider, call_id, endpoint, reason, raw,
      window_from, window_to, first_seen_at, last_seen_at)
    VALUES (${record.account}, ${quarantineKey(record)}, ${record.provider}, ${record.id ?? null},
      ${record.endpoint}, ${record.reason}, ${JSON.stringify(record.raw) ?? 'null'},
      ${record.window.from.getTime()}, ${record.window.to.getTime()}, ${at}, ${at})
    ON CONFLICT (account, record_key) DO UPDATE SET reason = EXCLUDED.reason, raw = EXCLUDED.raw,
      endpoint = EXCLUDED.endpoint, window_from = EXCLUDED.window_from,
      window_to = EXCLUDED.window_to, last_seen_at = EXCLUDED.last_seen_at`;
}

/** Whether an account has anything in quarantine: a slice then releases what it stores. */
export function anyQuarantinedStatement(account: string): Sql {
  return sql`SELECT 1 AS found FROM quarantine WHERE account = ${account} LIMIT 1`;
}

/** Releases a record that now lists as a call: the provider sent it again, readable. */
export function releaseStatement(account: string, id: string): Sql {
  return sql`DELETE FROM quarantine WHERE account = ${account} AND record_key = ${`id:${id}`}`;
}

/** The quarantine, oldest first, of one account or all. */
export function listQuarantineStatement(account: string | undefined): Sql {
  return account === undefined
    ? sql`SELECT * FROM quarantine ORDER BY first_seen_at, account, record_key`
    : sql`SELECT * FROM quarantine WHERE account = ${account} ORDER BY first_seen_at, record_key`;
}

/** A stored row as a record. */
export function quarantinedRecordOf(row: Record<string, unknown>): QuarantinedRecord {
  const raw = (() => {
    try {
      return JSON.parse(String(row.raw)) as unknown;
    } catch {
      return String(row.raw);
    }
  })();
  return {
    account: String(row.account),
    key: String(row.record_key),
    provider: String(row.provider),
    id: row.call_id === null || row.call_id === undefined ? undefined : String(row.call_id),
    endpoint: String(row.endpoint),
    reason: String(row.reason),
    raw,
    window: { from: new Date(Number(row.window_from)), to: new Date(Number(row.window_to)) },
    firstSeenAt: new Date(Number(row.first_seen_at)),
    lastSeenAt: new Date(Number(row.last_seen_at)),
  };
}
