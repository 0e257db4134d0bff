import { quarantineMigration } from '../quarantine.ts';
import { quarterOfRow, returnedQuartersOf, rollupTableStatements } from '../report-rollups.ts';
import {
  rollupTableStatements as istDayRollupStatements,
  returnedIstDaysOf,
} from '../report-rollups-v4.ts';
import type { Migration } from '../schema-migrations.ts';
import { metadataMigration, schema8Migration, sharedMigrations } from '../shared-migrations.ts';

// India's fixed offset (+05:30, no daylight saving) in ms, for buckets computed in SQL.
const ist = 19_800_000;

/**
 * The triggers by which every write to `calls` marks what it changes in `marks` (a table and
 * its column): the row's own period before and after (`periodOf`), and, for an answered call,
 * the periods of the earlier missed calls of its number, whose "unreturned" counts change when
 * it arrives, moves or goes (`returnedOf`). Triggers, so that every write marks, whoever
 * writes: the store, a push, a script or the benchmark's INSERTs.
 */
function markingTriggers(
  marks: string,
  periodOf: (row: 'OLD' | 'NEW') => string,
  returnedOf: (row: 'OLD' | 'NEW') => string,
): string[] {
  const mark = (row: 'OLD' | 'NEW') => `INSERT OR IGNORE INTO ${marks} ${periodOf(row)};`;
  return [
    `CREATE TRIGGER calls_dirty_insert AFTER INSERT ON calls BEGIN
        ${mark('NEW')}
      END`,
    `CREATE TRIGGER calls_dirty_update AFTER UPDATE ON calls BEGIN
        ${mark('OLD')}
        ${mark('NEW')}
      END`,
    `CREATE TRIGGER calls_dirty_delete AFTER DELETE ON calls BEGIN
        ${mark('OLD')}
      END`,
    ...(['INSERT', 'UPDATE', 'DELETE'] as const).flatMap((event) =>
      (event === 'INSERT'
        ? (['NEW'] as const)
        : event === 'DELETE'
          ? (['OLD'] as const)
          : (['OLD', 'NEW'] as const)
      ).map(
        (row) => `CREATE TRIGGER calls_returned_${event.toLowerCase()}_${row.toLowerCase()}
            AFTER ${event} ON calls WHEN ${row}.status = 'answered' AND ${row}.counterpart IS NOT NULL
            BEGIN
              INSERT OR IGNORE INTO ${marks} ${returnedOf(row)};
            END`,
      ),
    ),
  ];
}

/**
 * The SQLite schema, version by version. Version 1 is the schema of the first releases,
 * which kept no version table: a database with a `calls` table and no `schema_migrations`
 * is a version 1 database, and upgrades from there.
 */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'calls and sync cursors',
    statements: [
      // A rowid table with a unique (provider, id) index rather than a WITHOUT ROWID table
      // keyed on it: ids arrive in random order, and keying the ~1 KB rows on them rewrote
      // pages all over the tree at every commit (BENCHMARKS.md, B5).
      `CREATE TABLE IF NOT EXISTS calls (
        provider TEXT NOT NULL, id TEXT NOT NULL, started_at INTEGER NOT NULL,
        ist_day TEXT NOT NULL, direction TEXT NOT NULL, status TEXT NOT NULL,
        from_number TEXT, to_number TEXT, counterpart TEXT, agent_id TEXT, agent_name TEXT,
        total_seconds INTEGER, talk_seconds INTEGER, billed_seconds INTEGER,
        cost_amount REAL, cost_currency TEXT, call_json TEXT NOT NULL, synced_at INTEGER NOT NULL,
        UNIQUE (provider, id))`,
      'CREATE INDEX IF NOT EXISTS calls_started_at ON calls (started_at)',
      'CREATE INDEX IF NOT EXISTS calls_counterpart ON calls (counterpart, started_at)',
      `CREATE TABLE IF NOT EXISTS sync_cursors (
        account TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
    ],
  },
  {
    version: 2,
    description: 'accounts, hour and weekday buckets, ring time, recordings; sync state',
    statements: [
      'ALTER TABLE calls ADD COLUMN account TEXT',
      'ALTER TABLE calls ADD COLUMN ist_hour INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE calls ADD COLUMN ist_weekday INTEGER NOT NULL DEFAULT 0',
      'ALTER TABLE calls ADD COLUMN ring_seconds INTEGER',
      'ALTER TABLE calls ADD COLUMN recording_url TEXT',
      // 1970-01-01 was a Thursday: day number + 4, modulo 7, counts from Sunday.
      `UPDATE calls SET
        ist_hour = ((started_at + ${ist}) / 3600000) % 24,
        ist_weekday = ((started_at + ${ist}) / 86400000 + 4) % 7,
        ring_seconds = json_extract(call_json, '$.durations.ringSeconds'),
        recording_url = json_extract(call_json, '$.recording.url')`,
      `CREATE TABLE sync_state (
        account TEXT PRIMARY KEY, position INTEGER, updated_at INTEGER NOT NULL,
        last_attempt_at INTEGER, last_success_at INTEGER, last_error TEXT, last_error_at INTEGER)`,
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
      ...markingTriggers(
        'dirty_days (ist_day)',
        (row) => `VALUES (${row}.ist_day)`,
        returnedIstDaysOf,
      ),
    ],
  },
  metadataMigration,
  quarantineMigration,
  {
    version: 7,
    description: "report figures kept per quarter hour of UTC (any zone's days), child legs marked",
    statements: [
      ...['insert', 'update', 'delete'].map((event) => `DROP TRIGGER calls_dirty_${event}`),
      ...['insert_new', 'update_old', 'update_new', 'delete_old'].map(
        (name) => `DROP TRIGGER calls_returned_${name}`,
      ),
      'ALTER TABLE calls ADD COLUMN parent_id TEXT',
      `UPDATE calls SET parent_id = json_extract(call_json, '$.providerFields.parentCallSid')
        WHERE json_extract(call_json, '$.providerFields.parentCallSid') IS NOT NULL`,
      ...rollupTableStatements,
      ...markingTriggers(
        'dirty_quarters (quarter)',
        (row) => `VALUES (${row}.${quarterOfRow})`,
        returnedQuartersOf,
      ),
    ],
  },
  schema8Migration,
];
