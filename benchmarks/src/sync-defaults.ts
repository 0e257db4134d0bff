// The settings `cdr sync` runs with when given none (apps/demo/src/cli/program.ts: `--lookback
// 2h`, `--initial 7d`, `--slice 1d`; lookahead, batch size and the provider's concurrency
// are the engine's and the provider's own defaults). The benchmarks measure what a user gets.
import type { SyncAccountsOptions } from '@cdr/demo/sync';

const hourMs = 3_600_000;

export const cliSyncDefaults = {
  lookbackMs: 2 * hourMs,
  initialMs: 7 * 24 * hourMs,
  sliceMs: 24 * hourMs,
} as const satisfies Partial<SyncAccountsOptions>;

/** The SQLite store as `cdr sync` opens it: slices written on a thread of their own. */
export const cliSqliteOptions = { writeThread: true } as const;
