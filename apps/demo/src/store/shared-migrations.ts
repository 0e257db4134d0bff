import { metadataTableStatement } from './data-origin.ts';
import { hourRollupStatements } from './report-rollups.ts';
import type { Migration } from './schema-migrations.ts';

/**
 * Schema versions whose SQL is the same for SQLite and PostgreSQL, listed by both stores
 * after their own earlier versions.
 */
export const sharedMigrations: readonly Migration[] = [
  {
    version: 3,
    description:
      'accounts parked when their credentials are refused; an index for missed calls not called back',
    statements: [
      'ALTER TABLE sync_state ADD COLUMN parked_at bigint',
      // The report's "called back?" looks for a later answered call to the same number.
      'CREATE INDEX calls_counterpart_status ON calls (counterpart, status, started_at)',
    ],
  },
];

/** Schema 5, after each store's own version 4: the database's own facts (its data origin). */
export const metadataMigration: Migration = {
  version: 5,
  description: 'database metadata: whether its calls are simulated or real',
  statements: [metadataTableStatement],
};

/**
 * Schema 8, after each store's own version 7: the costs' and agents' hours
 * (`hourRollupStatements`), and dropped, the columns of India's day, hour and weekday
 * that schema 4's per-IST-day figures read. Schema 7's quarter hours replaced those figures,
 * and nothing has read the columns since; every write still filled them. The index first:
 * SQLite will not drop an indexed column. (SQLite rewrites the table to drop a column: once,
 * some seconds per million calls.)
 */
export const schema8Migration: Migration = {
  version: 8,
  description: "costs and agents kept per hour too; India's day, hour and weekday columns dropped",
  statements: [
    ...hourRollupStatements,
    'DROP INDEX calls_ist_day',
    'ALTER TABLE calls DROP COLUMN ist_day',
    'ALTER TABLE calls DROP COLUMN ist_hour',
    'ALTER TABLE calls DROP COLUMN ist_weekday',
  ],
};
