// The embedded store: one SQLite file through Node's built-in driver (node:sqlite, no
// native build step). Synchronous underneath — one writer, short transactions — behind the
// store contract's promises.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Call } from '@cdr/core';
import { type CallFilter, filterCondition } from '../call-filter.ts';
import { callRowColumns, updatableColumns } from '../call-row.ts';
import type {
  AccountState,
  CallStore,
  ListCallsOptions,
  RunOutcome,
  SliceWrite,
  UpsertCounts,
} from '../call-store.ts';
import {
  anyCallStatement,
  type ClaimedOrigin,
  type DataOrigin,
  markOriginStatement,
  originClaim,
  originOf,
  readOriginStatement,
} from '../data-origin.ts';
import { knownSourcesStatement } from '../known-sources.ts';
import {
  anyQuarantinedStatement,
  listQuarantineStatement,
  type QuarantinedRecord,
  quarantinedRecordOf,
  quarantineStatement,
  releaseStatement,
} from '../quarantine.ts';
import { computeRawReportFigures } from '../raw-report-figures.ts';
import type { ReportFigures, ReportQuery } from '../report-figures.ts';
import { computeReportFigures } from '../report-queries.ts';
import { countAllCalls, refreshStatements, takeDirtyQuarters } from '../report-rollups.ts';
import { notACdrDatabase, pendingMigrations, refuseOutdatedSchema } from '../schema-migrations.ts';
import { Sql, sql } from '../sql.ts';
import { StoreError, toStoreError } from '../store-error.ts';
import { callFromJson, type StoredCall, storedCall, storedCalls } from '../stored-call.ts';
import {
  accountStateOf,
  dateColumn,
  recordRunStatement,
  unparkStatement,
} from '../sync-state-row.ts';
import { SliceWriteThread } from './slice-write-thread.ts';
import { sqliteMigrations } from './sqlite-migrations.ts';
import { type SliceRows, sliceRows } from './sqlite-slice-rows.ts';

export interface SqliteCallStoreOptions {
  /**
   * Test-only: caps the database at this many pages (`PRAGMA max_page_count`, per
   * connection). A write beyond it fails with SQLITE_FULL exactly as on a full disk, which
   * lets tests fill the "disk" without a small filesystem or root.
   */
  maxPageCount?: number | undefined;
  /** The clock for `synced_at`. Default: the system clock. */
  now?: (() => number) | undefined;
  /**
   * Whether opening applies the schema's pending migrations (default) or, for commands
   * that only read, refuses a database whose schema is behind.
   */
  migrate?: boolean | undefined;
  /**
   * Writes slices (`writeSlice`) on a thread of their own, through a second connection to
   * the file, so that a sync's listing runs beside SQLite's inserts instead of taking turns
   * with them. For `cdr sync`; ignored in memory (a second connection would see another
   * database).
   */
  writeThread?: boolean | undefined;
}

/**
 * Creates the database's missing folders one at a time. Not `mkdirSync(…, { recursive:
 * true })`: under /proc (`--db /proc/nope/calls.sqlite`) Node's recursive mkdir loops
 * forever at full CPU, deaf to SIGTERM, where a plain mkdir fails at once with ENOENT.
 */
function createFolders(folder: string): void {
  const missing: string[] = [];
  for (let current = folder; !existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const each of missing) mkdirSync(each);
}

export class SqliteCallStore implements CallStore {
  readonly kind = 'sqlite';
  readonly location: string;
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #readCursor: StatementSync;
  readonly #writeCursor: StatementSync;
  /** The file opened (device and inode), or `undefined` in memory: see `checkReady`. */
  readonly file: string | undefined;
  readonly #writeThread: SliceWriteThread | undefined;

  private constructor(path: string, options: SqliteCallStoreOptions) {
    this.location = path;
    this.#now = options.now ?? Date.now;
    if (path !== ':memory:') createFolders(dirname(path));
    this.#db = new DatabaseSync(path);
    this.file = path === ':memory:' ? undefined : fileIdentity(path);
    this.#writeThread =
      options.writeThread && this.file !== undefined
        ? new SliceWriteThread(path, options.maxPageCount, this.file)
        : undefined;
    if (options.maxPageCount !== undefined)
      this.#db.exec(`PRAGMA max_page_count = ${Math.trunc(options.maxPageCount)};`);
    // First, so that every statement below waits for a lock rather than failing: switching
    // a new file to WAL needs one, and a reader (report, export, a test) may hold it.
    this.#db.exec('PRAGMA busy_timeout = 5000;');
    // WAL keeps readers (report, export) off the writer's way; a committed transaction
    // survives the process being killed.
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    // Checkpoint (and fsync) every ~80 MB of WAL rather than every 4 MB: a sync commits a
    // slice at a time, and the default made each commit pay for a checkpoint.
    this.#db.exec('PRAGMA wal_autocheckpoint = 20000;');
    // Statement journals in memory: with triggers on `calls` (schema 4 marks the days a
    // write touches) every INSERT keeps one, and in a temporary file a transaction of
    // 100,000 INSERTs ran at 0.39 of schema 3's speed; in memory, at 0.67 (BENCHMARKS.md,
    // the B11 notes).
    this.#db.exec('PRAGMA temp_store = MEMORY;');
    if (options.migrate === false)
      refuseOutdatedSchema(sqliteMigrations, this.#schemaVersion(), this.location);
    else this.#migrate();
    const columns = callRowColumns.join(', ');
    const placeholders = callRowColumns.map((column) => `:${column}`).join(', ');
    this.#insert = this.#db.prepare(
      `INSERT OR IGNORE INTO calls (${columns}) VALUES (${placeholders})`,
    );
    const assignments = updatableColumns.map((column) => `${column} = :${column}`).join(', ');
    this.#update = this.#db.prepare(
      `UPDATE calls SET ${assignments} WHERE provider = :provider AND id = :id AND call_json != :call_json`,
    );
    // The same row object as the insert's: its `account` is not the update's to change.
    this.#update.setAllowUnknownNamedParameters(true);
    this.#readCursor = this.#db.prepare('SELECT position FROM sync_state WHERE account = ?');
    this.#writeCursor = this.#db.prepare(
      `INSERT INTO sync_state (account, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (account) DO UPDATE
       SET position = max(coalesce(position, 0), excluded.position), updated_at = excluded.updated_at`,
    );
  }

  /**
   * Opens the database file (creating it), or `:memory:`; applies the schema's migrations;
   * refuses another program's database and a newer cdr's.
   */
  static open(path: string, options: SqliteCallStoreOptions = {}): SqliteCallStore {
    try {
      return new SqliteCallStore(path, options);
    } catch (error) {
      throw toStoreError(error, path);
    }
  }

  #schemaVersion(): number {
    const tables = new Set(
      (
        this.#db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
          .all() as { name: string }[]
      ).map((row) => row.name),
    );
    if (tables.has('schema_migrations')) {
      const row = this.#db
        .prepare('SELECT max(version) AS version FROM schema_migrations')
        .get() as {
        version: number | null;
      };
      return row.version ?? 0;
    }
    if (tables.has('calls')) {
      const columns = new Set(
        (this.#db.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).map(
          (row) => row.name,
        ),
      );
      for (const column of ['provider', 'id', 'started_at', 'call_json'])
        if (!columns.has(column))
          throw notACdrDatabase(this.location, `its calls table has no ${column} column`);
      // The first releases' schema, which kept no version.
      return 1;
    }
    if (tables.size > 0)
      throw notACdrDatabase(
        this.location,
        `it holds other tables: ${[...tables].slice(0, 3).join(', ')}`,
      );
    return 0;
  }

  #migrate(): void {
    const due = pendingMigrations(sqliteMigrations, this.#schemaVersion(), this.location);
    if (due.length === 0) return;
    this.#transaction(() => {
      this.#db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
      );
      for (const migration of due) {
        for (const statement of migration.statements) this.#db.exec(statement);
        this.#db
          .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
          .run(migration.version, this.#now());
      }
    });
  }

  async claimOrigin(origin: DataOrigin): Promise<ClaimedOrigin> {
    return this.#transaction(() => {
      const [existing] = this.#all(readOriginStatement);
      const holdsCalls = !existing && this.#all(anyCallStatement).length > 0;
      const claim = originClaim(origin, existing, holdsCalls);
      if ('answer' in claim) return claim.answer;
      this.#all(markOriginStatement(claim.mark));
      return originOf(this.#all(readOriginStatement)[0]?.value) ?? 'unmarked';
    });
  }

  async writeSlice(slice: SliceWrite): Promise<UpsertCounts> {
    // Rows are built here (the JSON of each call too), so a write thread only writes them.
    const rows = sliceRows(slice, this.#now());
    if (this.#writeThread) return this.#writeThread.write(rows);
    return this.writeRows(rows);
  }

  /**
   * `writeSlice`'s second half, for a slice whose calls are rows already: what the write
   * thread runs. One transaction: quarantine, calls, releases, cursor.
   */
  writeRows(slice: SliceRows): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const { at } = slice;
    this.#transaction(() => {
      for (const record of slice.rejected ?? []) this.#all(quarantineStatement(record, at));
      for (const row of slice.rows) {
        if (Number(this.#insert.run(row).changes) === 1) counts.inserted++;
        else if (Number(this.#update.run(row).changes) === 1) counts.updated++;
        else counts.unchanged++;
      }
      // Checked once a slice: most accounts have nothing in quarantine, and pay nothing more.
      if (slice.account && this.#all(anyQuarantinedStatement(slice.account)).length > 0) {
        for (const row of slice.rows) this.#all(releaseStatement(slice.account, row.id));
      }
      if (slice.cursor)
        this.#writeCursor.run(slice.cursor.account, slice.cursor.position.getTime(), at);
    });
    return counts;
  }

  async getCall(provider: string, id: string): Promise<Call | undefined> {
    const [row] = this.#all(
      sql`SELECT call_json FROM calls WHERE provider = ${provider} AND id = ${id}`,
    );
    return row ? callFromJson(JSON.parse(String(row.call_json))) : undefined;
  }

  async cursor(account: string): Promise<Date | undefined> {
    const row = this.#readCursor.get(account) as { position: number | null } | undefined;
    return dateColumn(row?.position);
  }

  async resetCursor(account: string, position: Date | undefined): Promise<void> {
    this.#transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO sync_state (account, position, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (account) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        )
        .run(account, position?.getTime() ?? null, this.#now());
    });
  }

  async accountStates(): Promise<AccountState[]> {
    const rows = this.#db.prepare('SELECT * FROM sync_state ORDER BY account').all() as Record<
      string,
      number | string | null
    >[];
    return rows.map(accountStateOf);
  }

  async recordRun(account: string, at: Date, outcome: RunOutcome): Promise<void> {
    this.#transaction(() => this.#all(recordRunStatement(account, at, outcome)));
  }

  async quarantined(account?: string): Promise<QuarantinedRecord[]> {
    return this.#all(listQuarantineStatement(account)).map(quarantinedRecordOf);
  }

  async unpark(account: string): Promise<void> {
    this.#all(unparkStatement(account));
  }

  #all(query: Sql): Record<string, unknown>[] {
    try {
      return this.#db.prepare(query.text).all(...(query.parameters as SQLInputValue[])) as Record<
        string,
        unknown
      >[];
    } catch (error) {
      throw toStoreError(error, this.location);
    }
  }

  async knownSources(): Promise<string[]> {
    return this.#all(knownSourcesStatement).map((row) => String(row.name));
  }

  async countCalls(filter: CallFilter): Promise<number> {
    const condition = filterCondition(filter);
    const [row] = this.#all(
      condition.text === '1 = 1'
        ? countAllCalls
        : sql`SELECT count(*) AS n FROM calls WHERE ${condition}`,
    );
    return Number(row?.n ?? 0);
  }

  async listCalls(filter: CallFilter, options: ListCallsOptions): Promise<StoredCall[]> {
    const direction = options.order === 'oldest' ? 'ASC' : 'DESC';
    const rows = this.#all(
      sql`SELECT account, call_json FROM calls WHERE ${filterCondition(filter)}
          ORDER BY started_at ${new Sql(direction)}, provider, id LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`,
    );
    return storedCalls(rows, (callJson) => JSON.parse(String(callJson)));
  }

  async *iterateCalls(filter: CallFilter): AsyncGenerator<StoredCall> {
    const query = sql`SELECT account, call_json FROM calls WHERE ${filterCondition(filter)} ORDER BY started_at, provider, id`;
    // The statement's iterator reads row by row: memory stays flat for any number of calls.
    // A read that fails part-way (a corrupt page) names the file, like every other failure.
    let rows: Iterator<unknown>;
    try {
      rows = this.#db.prepare(query.text).iterate(...(query.parameters as SQLInputValue[]));
    } catch (error) {
      throw toStoreError(error, this.location);
    }
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = rows.next();
      } catch (error) {
        throw toStoreError(error, this.location);
      }
      if (next.done) return;
      const row = next.value as { account: string | null; call_json: string };
      yield await storedCall(row.account, JSON.parse(row.call_json));
    }
  }

  async reportFigures(query: ReportQuery): Promise<ReportFigures> {
    await this.refreshFigures();
    return computeReportFigures(async (statement) => this.#all(statement), query);
  }

  reportFiguresFromCalls(query: ReportQuery): Promise<ReportFigures> {
    return computeRawReportFigures(async (statement) => this.#all(statement), query);
  }

  async refreshFigures(): Promise<number> {
    // Looked at outside a transaction: a report over unchanged calls takes no write lock.
    if (this.#all(sql`SELECT 1 AS due FROM dirty_quarters LIMIT 1`).length === 0) return 0;
    // One writer at a time (BEGIN IMMEDIATE): no write can land between taking the dirty
    // days and recomputing them.
    return this.#transaction(() => {
      const quarters = this.#all(takeDirtyQuarters).map((row) => Number(row.quarter));
      for (const statement of refreshStatements(quarters)) this.#all(statement);
      return quarters.length;
    });
  }

  /**
   * Runs `work` in one write transaction. A failure is thrown as itself (a StoreError naming
   * the file when SQLite or the disk failed), never replaced by a failure to roll back.
   */
  #transaction<T>(work: () => T): T {
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = work();
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        this.#rollBack();
        throw error;
      }
    } catch (error) {
      throw toStoreError(error, this.location);
    }
  }

  #rollBack(): void {
    // After SQLITE_FULL, IOERR, BUSY or NOMEM SQLite may already have rolled the whole
    // transaction back (https://www.sqlite.org/lang_transaction.html, "Response To Errors
    // Within A Transaction"): a ROLLBACK then throws "cannot rollback - no transaction is
    // active", which would replace the error that says what went wrong.
    if (!this.#db.isTransaction) return;
    try {
      this.#db.exec('ROLLBACK');
    } catch {
      // The error being thrown is the one to report; SQLite rolls back what is left when
      // the connection closes.
    }
  }

  async checkReady(): Promise<void> {
    // The open handle reads on whatever happens to the path: a file moved away, deleted or
    // replaced leaves this process serving a database no one else sees any more.
    if (this.file !== undefined) {
      let now: string | undefined;
      try {
        now = fileIdentity(this.location);
      } catch {
        now = undefined;
      }
      if (now !== this.file)
        throw new StoreError(
          `${this.location} is no longer the file this process opened (moved, removed or replaced): restart it`,
          this.location,
        );
    }
    try {
      refuseOutdatedSchema(sqliteMigrations, this.#schemaVersion(), this.location);
    } catch (error) {
      throw toStoreError(error, this.location);
    }
  }

  async close(): Promise<void> {
    // The slices already sent are written before the thread stops.
    await this.#writeThread?.close();
    try {
      if (this.#db.isOpen) this.#db.close();
    } catch (error) {
      throw toStoreError(error, this.location);
    }
  }
}

/** A file's device and inode: the same file whatever its path is called meanwhile. */
function fileIdentity(path: string): string {
  const stats = statSync(path, { bigint: true });
  return `${stats.dev}:${stats.ino}`;
}
