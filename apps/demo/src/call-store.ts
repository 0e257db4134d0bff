// The sync tool's database: calls upserted by (provider, id) and one cursor per provider
// account, on SQLite through Node's built-in driver (node:sqlite, SQLite 3.5x, no native
// build step). Each batch of calls and the cursor that covers it commit in one transaction,
// which is what makes a killed sync safe to rerun.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { type Call, parseCall } from '@cdr/core';
import { type CallRow, callRowColumns, toCallRow } from './call-row.ts';
import { toStoreError } from './store-error.ts';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface CursorUpdate {
  account: string;
  /** Everything before this instant has been stored for the account. */
  position: Date;
}

// A rowid table with a unique (provider, id) index rather than a WITHOUT ROWID table keyed
// on it: ids arrive in random order, and keying the ~1 KB rows on them rewrote pages all
// over the tree at every commit. Rows now append; only the small index takes random
// inserts. That took the sync's writes from 0.6 to over 0.8 of a bare one-transaction
// insert (BENCHMARKS.md, B5).
const schema = `
CREATE TABLE IF NOT EXISTS calls (
  provider TEXT NOT NULL,
  id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ist_day TEXT NOT NULL,
  direction TEXT NOT NULL,
  status TEXT NOT NULL,
  from_number TEXT,
  to_number TEXT,
  counterpart TEXT,
  agent_id TEXT,
  agent_name TEXT,
  total_seconds INTEGER,
  talk_seconds INTEGER,
  billed_seconds INTEGER,
  cost_amount REAL,
  cost_currency TEXT,
  call_json TEXT NOT NULL,
  synced_at INTEGER NOT NULL,
  UNIQUE (provider, id)
);
CREATE INDEX IF NOT EXISTS calls_started_at ON calls (started_at);
CREATE INDEX IF NOT EXISTS calls_counterpart ON calls (counterpart, started_at);
CREATE TABLE IF NOT EXISTS sync_cursors (
  account TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

export interface CallStoreOptions {
  /**
   * Test-only: caps the database at this many pages (`PRAGMA max_page_count`, per
   * connection). A write beyond it fails with SQLITE_FULL exactly as on a full disk, which
   * lets tests fill the "disk" without a small filesystem or root.
   */
  maxPageCount?: number | undefined;
}

/** A SQLite file of calls. Synchronous by design: one writer, short transactions. */
export class CallStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #readCursor: StatementSync;
  readonly #writeCursor: StatementSync;

  private constructor(path: string, options: CallStoreOptions) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    if (options.maxPageCount !== undefined)
      this.#db.exec(`PRAGMA max_page_count = ${Math.trunc(options.maxPageCount)};`);
    // WAL keeps readers (report, export) off the writer's way; a committed transaction
    // survives the process being killed.
    // First, so that every statement below waits for a lock rather than failing: switching
    // a new file to WAL needs one, and a reader (report, export, a test) may hold it.
    this.#db.exec('PRAGMA busy_timeout = 5000;');
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    // Checkpoint (and fsync) every ~80 MB of WAL rather than every 4 MB: a sync commits a
    // slice at a time, and the default made each commit pay for a checkpoint.
    this.#db.exec('PRAGMA wal_autocheckpoint = 20000;');
    this.#db.exec(schema);
    const columns = callRowColumns.join(', ');
    const placeholders = callRowColumns.map((column) => `:${column}`).join(', ');
    this.#insert = this.#db.prepare(
      `INSERT OR IGNORE INTO calls (${columns}) VALUES (${placeholders})`,
    );
    const assignments = callRowColumns
      .filter((column) => column !== 'provider' && column !== 'id')
      .map((column) => `${column} = :${column}`)
      .join(', ');
    this.#update = this.#db.prepare(
      `UPDATE calls SET ${assignments} WHERE provider = :provider AND id = :id AND call_json != :call_json`,
    );
    this.#readCursor = this.#db.prepare('SELECT position FROM sync_cursors WHERE account = ?');
    this.#writeCursor = this.#db.prepare(
      `INSERT INTO sync_cursors (account, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (account) DO UPDATE
       SET position = max(position, excluded.position), updated_at = excluded.updated_at`,
    );
  }

  /** Opens (creating when absent) the database file; `:memory:` for a throwaway one. */
  static open(path: string, options: CallStoreOptions = {}): CallStore {
    try {
      return new CallStore(path, options);
    } catch (error) {
      throw toStoreError(error, path);
    }
  }

  /**
   * Upserts calls by (provider, id) and, in the same transaction, moves an account's
   * cursor forward (never back, whoever else moved it): both land or neither does. A call
   * whose record is unchanged is not rewritten.
   */
  upsert(calls: readonly Call[], cursor?: CursorUpdate): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const now = Date.now();
    this.transaction(() => {
      for (const call of calls) {
        const row: Record<string, SQLInputValue> = toCallRow(call, now);
        if (Number(this.#insert.run(row).changes) === 1) counts.inserted++;
        else if (Number(this.#update.run(row).changes) === 1) counts.updated++;
        else counts.unchanged++;
      }
      if (cursor) this.#writeCursor.run(cursor.account, cursor.position.getTime(), now);
    });
    return counts;
  }

  /** Where the account's last sync got to, if it ever ran. */
  cursor(account: string): Date | undefined {
    const row = this.#readCursor.get(account) as { position: number } | undefined;
    return row ? new Date(row.position) : undefined;
  }

  count(): number {
    const row = this.#db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number };
    return row.n;
  }

  /** Runs a read-only query; for the report, the `calls` command and tests. */
  select<T>(sql: string, ...parameters: SQLInputValue[]): T[] {
    return this.#db.prepare(sql).all(...parameters) as T[];
  }

  /** Streams stored calls in (started_at, provider, id) order, parsed back into Calls. */
  *iterateCalls(where = '1 = 1', ...parameters: SQLInputValue[]): Generator<Call> {
    const statement = this.#db.prepare(
      `SELECT call_json FROM calls WHERE ${where} ORDER BY started_at, provider, id`,
    );
    for (const row of statement.iterate(...parameters)) {
      yield parseCall(JSON.parse((row as Pick<CallRow, 'call_json'>).call_json));
    }
  }

  /**
   * Runs `work` in one write transaction. A failure is thrown as itself (a StoreError naming
   * the file when SQLite or the disk failed), never replaced by a failure to roll back.
   */
  transaction<T>(work: () => T): T {
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
      throw toStoreError(error, this.path);
    }
  }

  #rollBack(): void {
    // After SQLITE_FULL, IOERR, BUSY or NOMEM SQLite may already have rolled the whole
    // transaction back (https://www.sqlite.org/lang_transaction.html, "Response To Errors
    // Within A Transaction"): a ROLLBACK then throws "cannot rollback - no transaction is
    // active", which used to replace the error that says what went wrong.
    if (!this.#db.isTransaction) return;
    try {
      this.#db.exec('ROLLBACK');
    } catch {
      // The error being thrown is the one to report; SQLite rolls back what is left
      // when the connection closes.
    }
  }

  close(): void {
    try {
      if (this.#db.isOpen) this.#db.close();
    } catch (error) {
      throw toStoreError(error, this.path);
    }
  }
}
