import { metadataTableStatement } from './data-origin.ts';
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
