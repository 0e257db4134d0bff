import { openCallStore } from '../store/open-call-store.ts';
import { OutdatedSchemaError } from '../store/schema-migrations.ts';
import type { CliIo } from '../support/cli-io.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { loggerOf } from '../support/logger.ts';
import { databaseLocation } from './command-context.ts';
import type { MigrateOptions } from './migrate-flags.ts';

/**
 * `cdr migrate`: upgrades the database's schema, saying first which steps it applies (the
 * reading commands never migrate; a sync or a worker also does, on start).
 */
export async function runMigrate(io: CliIo, options: MigrateOptions): Promise<number> {
  const location = databaseLocation(io, options);
  const log = loggerOf(io, options);
  const settings = { now: () => io.now().getTime(), ...io.store, mustExist: true };
  let due: OutdatedSchemaError['due'] = [];
  // As the store names it: a postgres:// URL without its password.
  let shown = location;
  try {
    const current = await openCallStore(location, { ...settings, migrate: false });
    shown = current.location;
    await current.close();
  } catch (error) {
    if (!(error instanceof OutdatedSchemaError)) throw error;
    due = error.due;
  }
  if (due.length === 0) {
    if (!options.quiet) log.info(`${shown}: the schema is up to date.`, { database: shown });
    return exitCodes.ok;
  }
  for (const migration of due)
    log.info(`schema ${migration.version}: ${migration.description}`, {
      schema: migration.version,
    });
  const store = await openCallStore(location, settings);
  await store.close();
  const version = due.at(-1)!.version;
  log.info(`${store.location}: upgraded to schema ${version}.`, {
    database: store.location,
    schema: version,
  });
  return exitCodes.ok;
}
