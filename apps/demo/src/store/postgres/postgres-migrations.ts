import { quarantineMigration } from '../quarantine.ts';
import { quarterOfRow, returnedQuartersOf, rollupTableStatements } from '../report-rollups.ts';
import {
  rollupTableStatements as istDayRollupStatements,
  returnedIstDaysOf,
} from '../report-rollups-v4.ts';
import type { Migration } from '../schema-migrations.ts';
import { metadataMigration, schema8Migration, sharedMigrations } from '../shared-migrations.ts';

/**
 * The days a statement's rows (`changed`, a transition table) fall on, and for its answered
 * rows the days of the missed calls they may return or stop returning (`returnedDaysOf`).
 * In day order, so that two writers marking the same days take the rows in the same order.
 */
const markDays = (changed: string) => `INSERT INTO dirty_days (ist_day)
      SELECT ist_day FROM ${changed}
      UNION
      SELECT returned.ist_day FROM ${changed} AS answered
        CROSS JOIN LATERAL (${returnedIstDaysOf('answered')}) AS returned
        WHERE answered.status = 'answered' AND answered.counterpart IS NOT NULL
      ORDER BY 1
      ON CONFLICT DO NOTHING;`;

/** As `markDays`, for schema 7's quarters. */
const markQuarters = (changed: string) => `INSERT INTO dirty_quarters (quarter)
      SELECT ${quarterOfRow} FROM ${changed}
      UNION
      SELECT returned.quarter FROM ${changed} AS answered
        CROSS JOIN LATERAL (${returnedQuartersOf('answered')}) AS returned
        WHERE answered.status = 'answered' AND answered.counterpart IS NOT NULL
      ORDER BY 1
      ON CONFLICT DO NOTHING;`;

/** Statement-level triggers on `calls` that run `function` with the rows' transition tables. */
const dirtyTriggers = (function_: string) => [
  `CREATE TRIGGER calls_dirty_insert AFTER INSERT ON calls
    REFERENCING NEW TABLE AS new_calls FOR EACH STATEMENT EXECUTE FUNCTION ${function_}()`,
  `CREATE TRIGGER calls_dirty_update AFTER UPDATE ON calls
    REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls
    FOR EACH STATEMENT EXECUTE FUNCTION ${function_}()`,
  `CREATE TRIGGER calls_dirty_delete AFTER DELETE ON calls
    REFERENCING OLD TABLE AS old_calls FOR EACH STATEMENT EXECUTE FUNCTION ${function_}()`,
];

/** A trigger function marking what `mark` marks for the rows a statement changed. */
const markFunction = (name: string, mark: (changed: string) => string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          ${mark('new_calls')}
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          ${mark('old_calls')}
        END IF;
        RETURN NULL;
      END $$`;

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
  {
    version: 4,
    description: 'report figures kept per IST day, refreshed for the days that changed',
    statements: [
      ...istDayRollupStatements,
      // Statement-level triggers with transition tables: an upsert of 500 rows marks its
      // days in one call, not 500. A trigger with transition tables takes one event, and an
      // INSERT … ON CONFLICT DO UPDATE fires both: the INSERT trigger sees the rows it
      // inserted, the UPDATE trigger the rows it updated (PostgreSQL commit 8c55244,
      // "Fix transition tables for ON CONFLICT"; CREATE TRIGGER, "transition relations").
      markFunction('cdr_mark_dirty_days', markDays),
      ...dirtyTriggers('cdr_mark_dirty_days'),
    ],
  },
  metadataMigration,
  quarantineMigration,
  {
    version: 7,
    description: "report figures kept per quarter hour of UTC (any zone's days), child legs marked",
    statements: [
      ...['insert', 'update', 'delete'].map(
        (event) => `DROP TRIGGER calls_dirty_${event} ON calls`,
      ),
      'DROP FUNCTION cdr_mark_dirty_days()',
      'ALTER TABLE calls ADD COLUMN parent_id text',
      `UPDATE calls SET parent_id = call_json -> 'providerFields' ->> 'parentCallSid'
        WHERE call_json -> 'providerFields' ->> 'parentCallSid' IS NOT NULL`,
      ...rollupTableStatements,
      markFunction('cdr_mark_dirty_quarters', markQuarters),
      ...dirtyTriggers('cdr_mark_dirty_quarters'),
    ],
  },
  schema8Migration,
];
