// The store for a team: a PostgreSQL database, through node-postgres (`pg`, the driver
// pg-boss — the job queue the workers share — is built on, so one driver serves both).
import type { Call } from '@cdr/core';
import pg from 'pg';
import { type CallFilter, filterCondition } from '../call-filter.ts';
import { type CallRow, callRowColumns, toCallRow, updatableColumns } from '../call-row.ts';
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
import { pendingMigrations, refuseOutdatedSchema } from '../schema-migrations.ts';
import { Sql, sql } from '../sql.ts';
import { StoreError } from '../store-error.ts';
import { callFromJson, type StoredCall, storedCall, storedCalls } from '../stored-call.ts';
import {
  accountStateOf,
  dateColumn,
  recordRunStatement,
  unparkStatement,
} from '../sync-state-row.ts';
import { postgresMigrations } from './postgres-migrations.ts';

export interface PostgresCallStoreOptions {
  /** The clock for `synced_at`. Default: the system clock. */
  now?: (() => number) | undefined;
  /** Connections in the pool. Default 4. */
  connections?: number | undefined;
  /**
   * Whether opening applies the schema's pending migrations (default) or, for commands
   * that only read (a SELECT-only role can run them), refuses a database whose schema is behind.
   */
  migrate?: boolean | undefined;
}

// Rows per INSERT: 23 parameters a row stays far under PostgreSQL's 65,535, and a slice's
// calls go in a few round trips instead of one each.
const batchRows = 500;
// Any number, the same in every process: migrations take this lock so that workers
// starting together do not apply them twice.
const migrationLock = 7_243_019;

/** A database URL as messages show it: no password, no query. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL URL given (not a valid URL)';
  }
}

/** A driver or server error as a one-line StoreError naming the database. */
function toStoreError(error: unknown, location: string): unknown {
  if (error instanceof StoreError) return error;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (typeof code !== 'string') return error;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running?)',
    ENOTFOUND: 'no such host',
    ETIMEDOUT: 'the connection timed out',
    '28P01': 'the password was refused',
    '28000': 'the user may not connect',
    '3D000': 'the database does not exist',
    '53100': 'the disk is full',
  };
  const reason = reasons[code] ?? message ?? code;
  return new StoreError(`PostgreSQL at ${location}: ${reason}`, location, { cause: error });
}

export class PostgresCallStore implements CallStore {
  readonly kind = 'postgres';
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #now: () => number;

  private constructor(url: string, options: PostgresCallStoreOptions) {
    this.location = describePostgresUrl(url);
    this.#now = options.now ?? Date.now;
    this.#pool = new pg.Pool({ connectionString: url, max: options.connections ?? 4 });
    // An idle connection the server drops must not crash the process.
    this.#pool.on('error', () => undefined);
  }

  /** Connects, applies the schema's migrations (refusing a newer cdr's), and returns the store. */
  static async open(
    url: string,
    options: PostgresCallStoreOptions = {},
  ): Promise<PostgresCallStore> {
    const store = new PostgresCallStore(url, options);
    try {
      if (options.migrate === false) await store.#refuseOutdatedSchema();
      else await store.#migrate();
      return store;
    } catch (error) {
      await store.#pool.end().catch(() => undefined);
      throw toStoreError(error, store.location);
    }
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toStoreError(error, this.location);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw toStoreError(error, this.location);
    } finally {
      client.release();
    }
  }

  async #refuseOutdatedSchema(): Promise<void> {
    const exists = await this.#rows(
      sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`,
    );
    const version =
      exists[0]?.found === true
        ? Number(
            (await this.#rows(sql`SELECT max(version) AS version FROM schema_migrations`))[0]
              ?.version ?? 0,
          )
        : 0;
    refuseOutdatedSchema(postgresMigrations, version, this.location);
  }

  async #migrate(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const due = pendingMigrations(postgresMigrations, rows[0]?.version ?? 0, this.location);
      for (const migration of due) {
        for (const statement of migration.statements) await client.query(statement);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          migration.version,
          this.#now(),
        ]);
      }
    });
  }

  /**
   * Runs `work` holding a session advisory lock on the account, or resolves to `undefined`
   * at once when another connection (another worker) holds it. The job queue already runs
   * one job per account at a time; this lock makes the store refuse a second sync of one
   * account whatever the queue does, and PostgreSQL releases it when a killed worker's
   * connection drops.
   */
  async withAccountLock<T>(
    account: string,
    work: () => Promise<T>,
  ): Promise<{ result: T } | undefined> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toStoreError(error, this.location);
    }
    const key = `cdr-sync:${account}`;
    const lockQuery = async (text: string) => {
      try {
        const { rows } = await client.query<{ done: boolean }>(text, [key]);
        return rows[0]?.done === true;
      } catch (error) {
        throw toStoreError(error, this.location);
      }
    };
    try {
      if (!(await lockQuery('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS done')))
        return undefined;
      try {
        return { result: await work() };
      } finally {
        await lockQuery('SELECT pg_advisory_unlock(hashtextextended($1, 0)) AS done');
      }
    } finally {
      client.release();
    }
  }

  async #rows(query: Sql): Promise<Record<string, unknown>[]> {
    try {
      const result = await this.#pool.query(query.numbered(), query.parameters as unknown[]);
      return result.rows as Record<string, unknown>[];
    } catch (error) {
      throw toStoreError(error, this.location);
    }
  }

  async claimOrigin(origin: DataOrigin): Promise<ClaimedOrigin> {
    return this.#transaction(async (client) => {
      const rows = async (statement: Sql) =>
        (await client.query(statement.numbered(), statement.parameters as unknown[]))
          .rows as Record<string, unknown>[];
      const [existing] = await rows(readOriginStatement);
      const holdsCalls = !existing && (await rows(anyCallStatement)).length > 0;
      const claim = originClaim(origin, existing, holdsCalls);
      if ('answer' in claim) return claim.answer;
      // Under READ COMMITTED, a writer marking at the same time makes this INSERT wait and
      // do nothing; the SELECT after it (a new snapshot) reads that writer's mark.
      await rows(markOriginStatement(claim.mark));
      return originOf((await rows(readOriginStatement))[0]?.value) ?? 'unmarked';
    });
  }

  async writeSlice(slice: SliceWrite): Promise<UpsertCounts> {
    const now = this.#now();
    // One row per call: ON CONFLICT cannot touch a row twice in one statement.
    const rows = [
      ...new Map(
        slice.calls.map((call) => [
          `${call.provider}\u0000${call.id}`,
          toCallRow(call, slice.account ?? null, now),
        ]),
      ).values(),
    ];
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    await this.#transaction(async (client) => {
      const run = (statement: Sql) =>
        client.query<Record<string, unknown>>(
          statement.numbered(),
          statement.parameters as unknown[],
        );
      for (const record of slice.rejected ?? []) await run(quarantineStatement(record, now));
      for (let start = 0; start < rows.length; start += batchRows) {
        const batch = rows.slice(start, start + batchRows);
        const statement = upsertStatement(batch);
        const result = await client.query<{ inserted: boolean }>(
          statement.numbered(),
          statement.parameters as unknown[],
        );
        const inserted = result.rows.filter((row) => row.inserted).length;
        counts.inserted += inserted;
        counts.updated += result.rows.length - inserted;
        counts.unchanged += batch.length - result.rows.length;
      }
      if (slice.cursor) {
        await client.query(
          `INSERT INTO sync_state (account, position, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (account) DO UPDATE
           SET position = GREATEST(coalesce(sync_state.position, 0), EXCLUDED.position), updated_at = EXCLUDED.updated_at`,
          [slice.cursor.account, slice.cursor.position.getTime(), now],
        );
      }
      // Checked once a slice: most accounts have nothing in quarantine, and pay nothing more.
      const account = slice.account;
      if (account && (await run(anyQuarantinedStatement(account))).rows.length > 0) {
        for (const call of slice.calls) await run(releaseStatement(account, call.id));
      }
    });
    // Duplicates within the slice count once each, as SQLite counts them.
    counts.unchanged += slice.calls.length - rows.length;
    return counts;
  }

  async getCall(provider: string, id: string): Promise<Call | undefined> {
    const [row] = await this.#rows(
      sql`SELECT call_json FROM calls WHERE provider = ${provider} AND id = ${id}`,
    );
    return row ? callFromJson(row.call_json) : undefined;
  }

  async cursor(account: string): Promise<Date | undefined> {
    const [row] = await this.#rows(sql`SELECT position FROM sync_state WHERE account = ${account}`);
    return dateColumn(row?.position);
  }

  async resetCursor(account: string, position: Date | undefined): Promise<void> {
    await this.#rows(sql`INSERT INTO sync_state (account, position, updated_at)
      VALUES (${account}, ${position?.getTime() ?? null}, ${this.#now()})
      ON CONFLICT (account) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`);
  }

  async accountStates(): Promise<AccountState[]> {
    const rows = await this.#rows(sql`SELECT * FROM sync_state ORDER BY account`);
    return rows.map(accountStateOf);
  }

  async recordRun(account: string, at: Date, outcome: RunOutcome): Promise<void> {
    await this.#rows(recordRunStatement(account, at, outcome));
  }

  async quarantined(account?: string): Promise<QuarantinedRecord[]> {
    return (await this.#rows(listQuarantineStatement(account))).map(quarantinedRecordOf);
  }

  async unpark(account: string): Promise<void> {
    await this.#rows(unparkStatement(account));
  }

  async knownSources(): Promise<string[]> {
    return (await this.#rows(knownSourcesStatement)).map((row) => String(row.name));
  }

  async countCalls(filter: CallFilter): Promise<number> {
    const condition = filterCondition(filter);
    const [row] = await this.#rows(
      condition.text === '1 = 1'
        ? countAllCalls
        : sql`SELECT CAST(count(*) AS INTEGER) AS n FROM calls WHERE ${condition}`,
    );
    return Number(row?.n ?? 0);
  }

  async listCalls(filter: CallFilter, options: ListCallsOptions): Promise<StoredCall[]> {
    const direction = new Sql(options.order === 'oldest' ? 'ASC' : 'DESC');
    const rows = await this.#rows(
      sql`SELECT account, call_json FROM calls WHERE ${filterCondition(filter)}
          ORDER BY started_at ${direction}, provider ${direction}, id ${direction}
          LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`,
    );
    return storedCalls(rows);
  }

  async *iterateCalls(filter: CallFilter): AsyncGenerator<StoredCall> {
    // Keyset pages: bounded memory whatever the number of calls, and no cursor held open
    // across the consumer's pace.
    let after: { startedAt: number; provider: string; id: string } | undefined;
    for (;;) {
      const position = after
        ? sql`AND (started_at, provider, id) > (${after.startedAt}, ${after.provider}, ${after.id})`
        : new Sql('');
      const rows = await this.#rows(
        sql`SELECT started_at, provider, id, account, call_json FROM calls WHERE ${filterCondition(filter)} ${position}
            ORDER BY started_at, provider, id LIMIT ${1000}`,
      );
      for (const row of rows) yield await storedCall(row.account, row.call_json);
      if (rows.length < 1000) return;
      const last = rows.at(-1)!;
      after = {
        startedAt: Number(last.started_at),
        provider: String(last.provider),
        id: String(last.id),
      };
    }
  }

  async reportFigures(query: ReportQuery): Promise<ReportFigures> {
    await this.refreshFigures();
    return computeReportFigures((statement) => this.#rows(statement), query);
  }

  reportFiguresFromCalls(query: ReportQuery): Promise<ReportFigures> {
    return computeRawReportFigures((statement) => this.#rows(statement), query);
  }

  /**
   * Recomputes the dirty quarters, with writers (sync workers, `receive`, other `serve`s)
   * committing around it under READ COMMITTED. Two things keep a write from being lost:
   *
   * 1. The dirty quarters are deleted FIRST, then recomputed: a writer that commits after the
   *    DELETE marks its quarter again (the trigger inserts a fresh row), so a write the
   *    recomputation missed leaves its quarter dirty for the next refresh. Each statement after
   *    the DELETE takes a new snapshot, so it sees every write committed before it.
   * 2. The refresh first locks `dirty_quarters` EXCLUSIVE, which waits for every writer that has
   *    already marked a quarter (their triggers hold ROW EXCLUSIVE on it until they commit) and
   *    holds back the marking of the others until the refresh commits. Without it, a writer
   *    whose quarter was already dirty marks nothing (ON CONFLICT DO NOTHING found the row),
   *    the refresh deletes that row and computes the quarter without the writer's rows (not yet
   *    committed), and the writer commits with no mark left: its calls would be missing
   *    from the figures until the quarter was written again. Writers' transactions are one
   *    slice, and a refresh a few quarters: either waits milliseconds for the other.
   *
   * A refresh waiting for writer A, while writer B (queued behind the refresh) holds a call
   * row A is about to upsert, is a deadlock PostgreSQL breaks by failing one of them: only
   * two writers of the same call at once can cause it, and the failed sync is retried.
   */
  async refreshFigures(): Promise<number> {
    // Looked at without the lock: a report over unchanged calls holds writers up not at all.
    if ((await this.#rows(sql`SELECT 1 AS due FROM dirty_quarters LIMIT 1`)).length === 0) return 0;
    return this.#transaction(async (client) => {
      await client.query('LOCK TABLE dirty_quarters IN EXCLUSIVE MODE');
      const { rows } = await client.query<{ quarter: string }>(takeDirtyQuarters.text);
      // bigint comes back as text; quarter numbers are far within a double's integers.
      const quarters = rows.map((row) => Number(row.quarter));
      for (const statement of refreshStatements(quarters))
        await client.query(statement.numbered(), statement.parameters as unknown[]);
      return quarters.length;
    });
  }

  async checkReady(): Promise<void> {
    // Reaching the server and reading the schema's version is the one query it takes.
    await this.#refuseOutdatedSchema();
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/**
 * A multi-row upsert that says what it did: a row it inserted reports `xmax = 0`; a row
 * it updated reports otherwise; a row left unchanged (same record) is not returned at all.
 */
function upsertStatement(rows: readonly CallRow[]): Sql {
  const values = Sql.join(
    rows.map(
      (row) =>
        new Sql(
          `(${callRowColumns.map((column) => (column === 'call_json' ? '?::jsonb' : '?')).join(', ')})`,
          callRowColumns.map((column) => row[column]),
        ),
    ),
    ', ',
  );
  const assignments = updatableColumns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
  return sql`INSERT INTO calls (${new Sql(callRowColumns.join(', '))}) VALUES ${values}
    ON CONFLICT (provider, id) DO UPDATE SET ${new Sql(assignments)}
    WHERE calls.call_json IS DISTINCT FROM EXCLUDED.call_json
    RETURNING (xmax = 0) AS inserted`;
}
