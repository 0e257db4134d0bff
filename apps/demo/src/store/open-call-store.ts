import { existsSync } from 'node:fs';
import type { CallStore } from './call-store.ts';
import { SqliteCallStore, type SqliteCallStoreOptions } from './sqlite/sqlite-call-store.ts';
import { StoreError } from './store-error.ts';

export interface OpenCallStoreOptions extends SqliteCallStoreOptions {
  /**
   * Only open a database that exists: commands that read (`calls`, `report`, `export`)
   * must not create an empty one at a mistyped path and report "0 calls".
   */
  mustExist?: boolean | undefined;
}

/** Whether a `--db` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Refuses a `--db` value that is a URL of a kind no store serves (`mysql://…`), which would
 * otherwise be taken for a relative file path and become a folder named `mysql:`.
 */
export function checkDatabaseScheme(location: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (scheme === undefined || isPostgresUrl(location)) return;
  // The URL itself is not repeated: it may hold a password.
  throw new StoreError(
    `cdr cannot store calls in a ${scheme}:// database: give a postgres:// (or postgresql://) URL, or a SQLite file path`,
    `${scheme}://`,
  );
}

/** Opens the store a `--db` value names: a PostgreSQL URL, or a SQLite file path. */
export async function openCallStore(
  location: string,
  options: OpenCallStoreOptions = {},
): Promise<CallStore> {
  checkDatabaseScheme(location);
  if (isPostgresUrl(location)) {
    const { PostgresCallStore } = await import('./postgres/postgres-call-store.ts');
    return PostgresCallStore.open(location, options);
  }
  if (options.mustExist && location !== ':memory:' && !existsSync(location)) {
    throw new StoreError(
      `there is no database at ${location}: run \`cdr sync\` first, or give the right --db`,
      location,
    );
  }
  return SqliteCallStore.open(location, options);
}
