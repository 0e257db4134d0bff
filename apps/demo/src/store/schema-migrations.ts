import { StoreError } from './store-error.ts';

/** One step of a store's schema: applied once, in order, in one transaction with the others due. */
export interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
}

/**
 * What the schema versions found in a database mean: apply the migrations after it, or
 * refuse a database a newer cdr wrote (its schema may hold what this one would break).
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  found: number,
  location: string,
): Migration[] {
  const known = migrations.at(-1)?.version ?? 0;
  if (found > known) {
    throw new StoreError(
      `${location} was written by a newer version of cdr (schema ${found}; this one knows up to ${known}): upgrade cdr to use it`,
      location,
    );
  }
  return migrations.filter((migration) => migration.version > found);
}

/** A database some other program made: it is not ours to change. */
export function notACdrDatabase(location: string, why: string): StoreError {
  return new StoreError(
    `${location} is not a cdr database (${why}): give another --db, or remove the file`,
    location,
  );
}
