import type { Call } from '@cdr/core';
import type { CallFilter } from './call-filter.ts';
import type { ClaimedOrigin, DataOrigin } from './data-origin.ts';
import type { QuarantinedRecord, RejectedRecord } from './quarantine.ts';
import type { ReportFigures, ReportQuery } from './report-figures.ts';
import type { StoredCall } from './stored-call.ts';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface CursorUpdate {
  account: string;
  /** Everything the account started before this instant has been stored. */
  position: Date;
}

/** A slice of a sync: its calls, the account they came from, and the cursor that covers them. */
export interface SliceWrite {
  /** The account the calls were listed from (`telecmi:rest-user`); stored with new calls. */
  account?: string | undefined;
  calls: readonly Call[];
  /** Moves the account's cursor forward (never back) in the same transaction. */
  cursor?: CursorUpdate | undefined;
  /**
   * Records the listing kept aside (`record-rejected`): quarantined in the same transaction,
   * so a cursor never covers a record that is neither stored nor quarantined. A call of the
   * slice that was quarantined before (sent again, readable now) is released.
   */
  rejected?: readonly RejectedRecord[] | undefined;
}

/** What the tool knows of an account's syncs. */
export interface AccountState {
  account: string;
  /** Everything before it is stored. */
  position: Date | undefined;
  lastAttemptAt: Date | undefined;
  lastSuccessAt: Date | undefined;
  /** The last failure's one-line description, cleared by a success. */
  lastError: string | undefined;
  lastErrorAt: Date | undefined;
  /** Since when workers leave the account alone (its credentials were refused), if they do. */
  parkedAt: Date | undefined;
}

/** How a run ended, for `status`; `park` stops workers from retrying it until it is unparked. */
export type RunOutcome = { ok: true } | { ok: false; error: string; park?: boolean | undefined };

export interface ListCallsOptions {
  limit: number;
  offset?: number | undefined;
  /** Default `newest`. */
  order?: 'newest' | 'oldest' | undefined;
}

/**
 * Where the sync tool keeps calls and cursors: one contract, a folder per store (SQLite,
 * PostgreSQL), all SQL behind it. Guarantees every store keeps:
 * - calls are unique by (provider, id): a write upserts, and says how many rows it
 *   inserted, updated (the record changed) or left unchanged;
 * - a slice's calls and its cursor commit in one transaction, so a cursor never covers a
 *   call that is not stored, whatever kills the process;
 * - a cursor never moves back (unless `resetCursor` is asked to), whoever else moved it.
 */
export interface CallStore {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres';
  /** The file, or the database URL without its password, for messages. */
  readonly location: string;

  /**
   * Marks a database never marked with where its calls come from, atomically (two writers
   * starting together agree), and resolves to the mark it holds: the first writer's. A
   * database holding calls from before marks is left unmarked by a simulated writer.
   */
  claimOrigin(origin: DataOrigin): Promise<ClaimedOrigin>;
  writeSlice(slice: SliceWrite): Promise<UpsertCounts>;
  cursor(account: string): Promise<Date | undefined>;
  /** One stored call, to merge a pushed leg into it. */
  getCall(provider: string, id: string): Promise<Call | undefined>;
  /** Moves a cursor to `position`, back included: `state reset`. */
  resetCursor(account: string, position: Date | undefined): Promise<void>;
  accountStates(): Promise<AccountState[]>;
  recordRun(account: string, at: Date, outcome: RunOutcome): Promise<void>;
  /** Lets workers sync a parked account again (after its credentials were fixed). */
  unpark(account: string): Promise<void>;

  /** The records kept aside, oldest first: of one account, or of all. */
  quarantined(account?: string): Promise<QuarantinedRecord[]>;

  /** The providers and accounts the database knows, sorted: what `--provider` can name. */
  knownSources(): Promise<string[]>;
  countCalls(filter: CallFilter): Promise<number>;
  listCalls(filter: CallFilter, options: ListCallsOptions): Promise<StoredCall[]>;
  /** Streams every matching call, oldest first (by start, provider, id), in bounded memory. */
  iterateCalls(filter: CallFilter): AsyncIterable<StoredCall>;
  /**
   * Every figure of a report over the query, from the figures kept per quarter hour of UTC
   * (refreshed first for the quarters written since) and the calls of the partial quarters
   * at its edges; days and hours in the query's zone.
   */
  reportFigures(query: ReportQuery): Promise<ReportFigures>;
  /**
   * The same figures aggregated from the calls alone, as the report was computed before
   * the per-day figures: what tests hold `reportFigures` to. Reads the whole table.
   */
  reportFiguresFromCalls(query: ReportQuery): Promise<ReportFigures>;
  /**
   * Recomputes the per-quarter figures of the quarters written since the last refresh (a
   * sync calls it at its end, so that the next report does not); resolves to their number.
   */
  refreshFigures(): Promise<number>;

  /**
   * Resolves when the database can serve this cdr now, or throws a StoreError saying why
   * not (unreachable, gone, its schema behind or ahead of this cdr's): a cheap query, for
   * a service's readiness.
   */
  checkReady(): Promise<void>;

  close(): Promise<void>;
}
