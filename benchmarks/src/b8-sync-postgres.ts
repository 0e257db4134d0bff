// B8: the demo's sync of N user calls into PostgreSQL, with the CLI's defaults, against a
// raw batched insert of the same rows through the same driver (`pg`, the store's); and
// the two maintained drivers, `pg` and postgres.js, sending the sync's own write pattern.

import type { Call, CallProvider } from '@cdr/core';
import { toCallRow } from '@cdr/demo/call-row';
import { PostgresCallStore } from '@cdr/demo/postgres-store';
import { createTestDatabase, startTestPostgres } from '@cdr/demo/postgres-test-server';
import pg from 'pg';
import postgres from 'postgres';
import {
  cursorStatement,
  insertCallsStatement,
  type Statement,
  upsertCallsStatement,
} from './call-upsert-statement.ts';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  ratioRow,
  sideBySideRuns,
  timed,
} from './harness.ts';
import { replayProvider } from './replay-provider.ts';
import { cliSyncDefaults } from './sync-defaults.ts';
import { listAll, startUserWorkload, userAccountName } from './telecmi-user-workload.ts';
import { timedCliSync } from './timed-sync.ts';

// As the store batches: rows per INSERT, calls per transaction (the engine's batch size).
const rowsPerStatement = 500;
const callsPerTransaction = 1000;

/**
 * The transactions the sync sends for these calls: per slice of the window, batches of
 * `callsPerTransaction` calls, each a transaction of multi-row upserts, the slice's last
 * one with the cursor.
 */
function syncTransactions(calls: readonly Call[], from: number, sliceMs: number): Statement[][] {
  const now = Date.now();
  const slices = Map.groupBy(calls, (call) =>
    Math.floor((call.startedAt.getTime() - from) / sliceMs),
  );
  const transactions: Statement[][] = [];
  for (const [slice, sliceCalls] of [...slices].sort(([a], [b]) => a - b)) {
    for (let start = 0; start < sliceCalls.length; start += callsPerTransaction) {
      const batch = sliceCalls
        .slice(start, start + callsPerTransaction)
        .map((call) => toCallRow(call, userAccountName, now));
      const statements: Statement[] = [];
      for (let offset = 0; offset < batch.length; offset += rowsPerStatement)
        statements.push(upsertCallsStatement(batch.slice(offset, offset + rowsPerStatement)));
      if (start + callsPerTransaction >= sliceCalls.length)
        statements.push(cursorStatement(userAccountName, from + (slice + 1) * sliceMs, now));
      transactions.push(statements);
    }
  }
  return transactions;
}

export async function runB8(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 2000 : 50_000;
  const runs = config.quick ? 1 : 5;
  const days = 7;
  const workload = await startUserWorkload({ calls, days, latencyMs: 0, seed: 8 });
  const { from, to } = workload;
  // The machine's PostgreSQL when one answers, else one from npm-shipped binaries (as the tests).
  const server = await startTestPostgres();
  const database = await createTestDatabase(server.adminUrl);
  // The schema, created once by the store; each run starts from empty tables.
  await (await PostgresCallStore.open(database.url)).close();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const empty = () => admin.query('TRUNCATE calls, sync_state');
  const stored = async () =>
    Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM calls')).rows[0]?.n);

  const sync = async (provider: CallProvider) => {
    await empty();
    const store = await PostgresCallStore.open(database.url);
    try {
      return await timedCliSync(store, provider, { from, to }, calls);
    } finally {
      await store.close();
    }
  };

  const lister = workload.provider();
  const listed = await listAll(lister, from, to);
  await lister.close?.();
  check(listed.length === calls, `listed ${listed.length} of ${calls}`);

  const endToEnd = async () => {
    const provider = workload.provider();
    try {
      return await sync(provider);
    } finally {
      await provider.close?.();
    }
  };
  const writePath = () => sync(replayProvider(userAccountName, listed));

  // The bare minimum with the same driver: the same rows, multi-row INSERTs of 500, no
  // conflict handling, nothing returned, one transaction.
  const baseline = async () => {
    await empty();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const ms = await timed(async () => {
        const now = Date.now();
        const rows = listed.map((call) => toCallRow(call, userAccountName, now));
        await client.query('BEGIN');
        for (let start = 0; start < rows.length; start += rowsPerStatement) {
          const statement = insertCallsStatement(rows.slice(start, start + rowsPerStatement));
          await client.query(statement.text, statement.parameters);
        }
        await client.query('COMMIT');
      });
      check((await stored()) === calls, `inserted ${await stored()} of ${calls}`);
      return (calls / ms) * 1000;
    } finally {
      await client.end();
    }
  };

  // The drivers on the sync's write pattern: the same statements, transaction by
  // transaction, one connection each (the sync writes one slice at a time).
  const viaPg = async () => {
    await empty();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const ms = await timed(async () => {
        for (const transaction of syncTransactions(listed, from, cliSyncDefaults.sliceMs)) {
          await client.query('BEGIN');
          for (const statement of transaction)
            await client.query(statement.text, statement.parameters);
          await client.query('COMMIT');
        }
      });
      check((await stored()) === calls, `pg upserted ${await stored()} of ${calls}`);
      return (calls / ms) * 1000;
    } finally {
      await client.end();
    }
  };
  const viaPostgresJs = async () => {
    await empty();
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    try {
      const ms = await timed(async () => {
        for (const transaction of syncTransactions(listed, from, cliSyncDefaults.sliceMs)) {
          await sql.begin(async (tx) => {
            for (const statement of transaction)
              await tx.unsafe(statement.text, statement.parameters);
          });
        }
      });
      check((await stored()) === calls, `postgres.js upserted ${await stored()} of ${calls}`);
      return (calls / ms) * 1000;
    } finally {
      await sql.end();
    }
  };

  try {
    await writePath(); // warm up: connections, plans, JIT
    await baseline();
    await viaPostgresJs();
    const result = await sideBySideRuns(runs, {
      endToEnd,
      writePath,
      baseline,
      pg: viaPg,
      postgresJs: viaPostgresJs,
    });
    config.log(
      `B8 PostgreSQL: end to end ${format.spread(result.endToEnd, 'calls')}, write path ${format.spread(result.writePath, 'calls')}, baseline ${format.spread(result.baseline, 'calls')}; pg ${format.spread(result.pg, 'calls')}, postgres.js ${format.spread(result.postgresJs, 'calls')}`,
    );
    const label = calls.toLocaleString('en-US');
    const baselineLabel = 'pg, multi-row INSERTs of 500, one transaction';
    return [
      ratioRow({
        id: 'B8',
        what: `sync ${label} user calls into PostgreSQL, write path (the sync engine fed from memory: slices of 1 d, transactions of 1,000, upserts of 500, cursor)`,
        figure: result.writePath,
        baseline: result.baseline,
        unit: 'calls',
        baselineLabel,
        target: 0.8,
      }),
      ratioRow({
        id: 'B8',
        what: `sync ${label} user calls into PostgreSQL, end to end (4 endpoints, pages of 10, latency 0, CLI defaults)`,
        figure: result.endToEnd,
        baseline: result.baseline,
        unit: 'calls',
        baselineLabel,
        target: 0.8,
      }),
      ratioRow({
        id: 'B8',
        what: `the sync's write pattern (per transaction: upserts of 500 RETURNING (xmax = 0), the cursor), ${label} calls: postgres.js against pg, same statements`,
        figure: result.postgresJs,
        baseline: result.pg,
        unit: 'calls',
        baselineLabel: 'pg',
        target: undefined,
      }),
    ];
  } finally {
    await admin.end();
    await database.drop();
    await server.stop();
    await workload.stop();
  }
}
