// B17 (issue 27): the sync of one Twilio account against what a user would write with the
// official SDK instead: `twilio`'s calls.each over the window at its best page size (1,000),
// then every call inserted into SQLite (`node:sqlite`) with one prepared statement in one
// transaction, into a table of the SDK's fields. Against `cdr sync`'s engine with the CLI's
// defaults (slices of 1 d, the provider's concurrency 4 and pages of 1,000) into the demo's
// store. Same window, same 50 ms latency, alternating; both checked to store every call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteCallStore } from '@cdr/demo/sqlite-store';
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  ratioRow,
  sideBySideRuns,
  timed,
} from './harness.ts';
import { cliSqliteOptions } from './sync-defaults.ts';
import { timedCliSync } from './timed-sync.ts';
import { twilioWorkload } from './twilio-workload.ts';

const sdkTable = `CREATE TABLE calls (
  sid TEXT PRIMARY KEY, parent_call_sid TEXT, account_sid TEXT, from_number TEXT,
  to_number TEXT, status TEXT, direction TEXT, start_time TEXT, end_time TEXT,
  duration INTEGER, price REAL, price_unit TEXT, answered_by TEXT, caller_name TEXT
)`;

/** The SDK script: list everything, then one transaction of INSERTs. Returns calls/s. */
async function sdkScript(
  workload: Awaited<ReturnType<typeof twilioWorkload>>,
  path: string,
): Promise<number> {
  let stored = 0;
  const ms = await timed(async () => {
    const listed: CallInstance[] = [];
    await workload.sdkEach(1000, (call) => listed.push(call));
    const db = new DatabaseSync(path);
    try {
      db.exec(sdkTable);
      const insert = db.prepare(
        'INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      db.exec('BEGIN');
      for (const call of listed)
        insert.run(
          call.sid,
          call.parentCallSid,
          call.accountSid,
          call.from,
          call.to,
          call.status,
          call.direction,
          call.startTime.toISOString(),
          call.endTime?.toISOString() ?? null,
          call.duration === null ? null : Number(call.duration),
          call.price === null ? null : Number(call.price),
          call.priceUnit,
          call.answeredBy,
          call.callerName,
        );
      db.exec('COMMIT');
      stored = Number((db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n);
    } finally {
      db.close();
    }
  });
  check(stored === workload.calls, `the SDK script stored ${stored} of ${workload.calls}`);
  return (workload.calls / ms) * 1000;
}

export async function runB17(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const runs = config.quick ? 1 : 3;
  const workload = await twilioWorkload(config.quick ? 2000 : 20_000);
  const folder = mkdtempSync(join(tmpdir(), 'cdr-bench-'));
  let file = 0;
  const freshPath = () => join(folder, `calls-${file++}.sqlite`);
  const window = { from: workload.window.from.getTime(), to: workload.window.to.getTime() };

  const sync = async () => {
    const store = SqliteCallStore.open(freshPath(), cliSqliteOptions);
    const provider = workload.ours();
    try {
      return await timedCliSync(store, provider, window, workload.calls);
    } finally {
      await provider.close?.();
      await store.close();
    }
  };

  try {
    await sdkScript(workload, freshPath()); // warm up: connections, JIT
    const result = await sideBySideRuns(runs, {
      sync,
      sdk: () => sdkScript(workload, freshPath()),
    });
    config.log(
      `B17: cdr sync ${format.spread(result.sync, 'calls')}, the SDK script ${format.spread(result.sdk, 'calls')}`,
    );
    return [
      ratioRow({
        id: 'B17',
        what: `sync ${workload.calls.toLocaleString('en-US')} Twilio calls over 7 days into SQLite, 50 ms latency: \`cdr sync\`'s engine, CLI defaults (slices of 1 d, concurrency 4, pages of 1,000), against a script on the official SDK (calls.each, PageSize 1,000, then one transaction of INSERTs with node:sqlite)`,
        figure: result.sync,
        baseline: result.sdk,
        unit: 'calls',
        baselineLabel: 'the SDK script',
        target: 1,
        targetLabel: '>= 1x the SDK script (issue 27 sets none)',
      }),
    ];
  } finally {
    await workload.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
