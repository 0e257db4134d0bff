import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { openCallStore } from '../store/open-call-store.ts';
import { OutdatedSchemaError } from '../store/schema-migrations.ts';
import { databaseLocation } from './command-context.ts';

/**
 * `cdr migrate`: upgrades the database's schema, saying first which steps it applies (the
 * reading commands never migrate; a sync or a worker also does, on start).
 */
export async function runMigrate(io: CliIo, options: GlobalOptions): Promise<number> {
  const location = databaseLocation(io, options);
  const settings = { ...io.store, mustExist: true };
  let due: OutdatedSchemaError['due'] = [];
  try {
    await (await openCallStore(location, { ...settings, migrate: false })).close();
  } catch (error) {
    if (!(error instanceof OutdatedSchemaError)) throw error;
    due = error.due;
  }
  if (due.length === 0) {
    if (!options.quiet) line(io.stderr, `${location}: the schema is up to date.`);
    return exitCodes.ok;
  }
  for (const migration of due)
    line(io.stderr, `schema ${migration.version}: ${migration.description}`);
  const store = await openCallStore(location, settings);
  await store.close();
  line(io.stderr, `${store.location}: upgraded to schema ${due.at(-1)!.version}.`);
  return exitCodes.ok;
}
