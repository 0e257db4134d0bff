import type { Migration } from '../schema-migrations.ts';
import { sharedMigrations } from '../shared-migrations.ts';

/**
 * The PostgreSQL schema, version by version (numbered as SQLite's, so both stores say the
 * same thing about a version). Times are epoch milliseconds (`bigint`) as in SQLite, so
 * one SQL serves both stores; each call is kept whole as `jsonb` (its provider record,
 * `raw`, inside) beside the columns the report and the filters read.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'calls and sync cursors',
    statements: [
      `CREATE TABLE calls (
        provider text NOT NULL, id text NOT NULL, started_at bigint NOT NULL,
        ist_day text NOT NULL, direction text NOT NULL, status text NOT NULL,
        from_number text, to_number text, counterpart text, agent_id text, agent_name text,
        total_seconds double precision, talk_seconds double precision, billed_seconds double precision,
        cost_amount double precision, cost_currency text, call_json jsonb NOT NULL, synced_at bigint NOT NULL,
        PRIMARY KEY (provider, id))`,
      'CREATE INDEX calls_started_at ON calls (started_at)',
      'CREATE INDEX calls_counterpart ON calls (counterpart, started_at)',
      `CREATE TABLE sync_cursors (
        account text PRIMARY KEY, position bigint NOT NULL, updated_at bigint NOT NULL)`,
    ],
  },
  {
    version: 2,
    description: 'accounts, hour and weekday buckets, ring time, recordings; sync state',
    statements: [
      'ALTER TABLE calls ADD COLUMN account text',
      'ALTER TABLE calls ADD COLUMN ist_hour smallint NOT NULL DEFAULT 0',
      'ALTER TABLE calls ADD COLUMN ist_weekday smallint NOT NULL DEFAULT 0',
      'ALTER TABLE calls ADD COLUMN ring_seconds double precision',
      'ALTER TABLE calls ADD COLUMN recording_url text',
      `UPDATE calls SET
        ist_hour = ((started_at + 19800000) / 3600000) % 24,
        ist_weekday = ((started_at + 19800000) / 86400000 + 4) % 7,
        ring_seconds = (call_json -> 'durations' ->> 'ringSeconds')::double precision,
        recording_url = call_json -> 'recording' ->> 'url'`,
      `CREATE TABLE sync_state (
        account text PRIMARY KEY, position bigint, updated_at bigint NOT NULL,
        last_attempt_at bigint, last_success_at bigint, last_error text, last_error_at bigint)`,
      `INSERT INTO sync_state (account, position, updated_at)
        SELECT account, position, updated_at FROM sync_cursors`,
      'DROP TABLE sync_cursors',
      'CREATE INDEX calls_ist_day ON calls (ist_day)',
      'CREATE INDEX calls_agent ON calls (agent_id)',
      'CREATE INDEX calls_account ON calls (account, started_at)',
      'CREATE INDEX calls_status ON calls (status, started_at)',
    ],
  },
  ...sharedMigrations,
];
