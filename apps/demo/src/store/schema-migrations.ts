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

/** A database whose schema is behind this cdr's, opened by a command that does not migrate. */
export class OutdatedSchemaError extends StoreError {
  override readonly name: string = 'OutdatedSchemaError';
  /** The migrations `cdr migrate` would apply, in order. */
  readonly due: readonly Migration[];

  constructor(location: string, found: number, due: readonly Migration[]) {
    super(
      `${location} has schema ${found}; this cdr reads schema ${due.at(-1)?.version ?? found}: run \`cdr migrate\` (or a sync) to upgrade it`,
      location,
    );
    this.due = due;
  }
}

/**
 * For a command that reads (`calls`, `report`, `status`…) and so never changes the schema:
 * a database whose schema is behind this cdr's is an error that says how to upgrade it.
 * (A SELECT-only PostgreSQL role can run every reading command.)
 */
export function refuseOutdatedSchema(
  migrations: readonly Migration[],
  found: number,
  location: string,
): void {
  const due = pendingMigrations(migrations, found, location);
  if (due.length > 0) throw new OutdatedSchemaError(location, found, due);
}
