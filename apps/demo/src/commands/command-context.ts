import type { Session, SessionOptions } from '../accounts/session.ts';
import type { GlobalOptions } from '../cli/global-options.ts';
import type { CallStore } from '../store/call-store.ts';
import { checkDatabaseScheme, isPostgresUrl, openCallStore } from '../store/open-call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { defaultDatabase, userPath } from '../support/paths.ts';
import { UsageError } from '../support/usage-error.ts';
import { withCleanup } from '../support/with-cleanup.ts';

/**
 * The database a command uses: `--db` (a path from where the user stands, or a postgres://
 * URL), else `CDR_DB`, else `DATABASE_URL`, else the per-user default.
 */
export function databaseLocation(
  io: CliIo,
  options: GlobalOptions,
  fallback = defaultDatabase(io),
): string {
  const given = options.db ?? io.env.CDR_DB ?? io.env.DATABASE_URL;
  if (given !== undefined && given.trim() === '')
    throw new UsageError(
      options.db !== undefined
        ? '--db is empty: give a file or a postgres:// URL'
        : 'CDR_DB is empty',
    );
  const location = given?.trim() ?? fallback;
  checkDatabaseScheme(location);
  return isPostgresUrl(location) ? location : userPath(io, location);
}

/**
 * Opens the database, runs `work`, closes it (the first error wins). With `mustExist`, a
 * missing database is an error and the schema is not migrated; with `writeThread`, a SQLite
 * store writes its slices on a thread of its own (the sync).
 */
export async function withStore<T>(
  io: CliIo,
  options: GlobalOptions,
  settings: { mustExist?: boolean; location?: string; writeThread?: boolean },
  work: (store: CallStore) => Promise<T>,
): Promise<T> {
  const location = settings.location ?? databaseLocation(io, options);
  // A command that must find the database (it reads, or moves a cursor) leaves its schema
  // alone: `cdr migrate` and the writing commands upgrade it.
  const store = await openCallStore(location, {
    // When a call was stored or changed (`export --updated-since`) is the command's time.
    now: () => io.now().getTime(),
    ...io.store,
    mustExist: settings.mustExist,
    migrate: !settings.mustExist,
    writeThread: settings.writeThread,
  });
  return withCleanup(
    () => work(store),
    () => store.close(),
  );
}

/** Opens the accounts (real, or the simulators), runs `work`, closes them. */
export async function withSession<T>(
  io: CliIo,
  options: GlobalOptions & {
    announce?: boolean;
    simulated?: boolean;
    onTransportEvent?: SessionOptions['onTransportEvent'];
  },
  work: (session: Session) => Promise<T>,
): Promise<T> {
  // Loaded here, not above: the reading commands (calls, report) open no session.
  const [{ openSession }, { providerDescriptors }, { loggerOf }] = await Promise.all([
    import('../accounts/session.ts'),
    import('../accounts/provider-registry.ts'),
    import('../support/logger.ts'),
  ]);
  const session = await openSession(io, providerDescriptors, {
    accountsFile: options.accounts,
    requestTimeoutMs: options.requestTimeout,
    retries: options.retries,
    announce: options.announce ?? !options.quiet,
    simulated: options.simulated,
    logger: loggerOf(io, options),
    onTransportEvent: options.onTransportEvent,
  });
  return withCleanup(
    () => work(session),
    () => session.close(),
  );
}
