// B5: the demo's sync of N calls into SQLite, simulator latency 0; against inserting the
// same rows with one prepared statement in one transaction. Reported twice: end to end
// (listing included) and the write path alone (the sync's slices, upserts and cursor).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Call } from '@cdr/core';
import { callRowColumns, toCallRow } from '@cdr/demo/call-row';
import { CallStore } from '@cdr/demo/call-store';
import { syncAccounts } from '@cdr/demo/sync';
import { createTelecmi } from '@cdr/telecmi';
import { TelecmiSimulator } from '@cdr/telecmi/testing';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  sideBySide,
  timed,
} from './harness.ts';
import { onlyOutgoingMissed, outgoingMissed } from './telecmi-workload.ts';

const sliceMs = 6 * 3_600_000;

export async function runB5(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 5000 : 100_000;
  const runs = config.quick ? 1 : 3;
  const days = 7;
  const simulator = await TelecmiSimulator.start({ calls: 0, seed: 5 });
  const to = simulator.dataSet.now;
  const from = to - days * 86_400_000;
  for (let index = 0; index < calls; index++) {
    simulator.addCall(
      outgoingMissed,
      from + Math.floor(((index + 0.5) * days * 86_400_000) / calls),
    );
  }
  const folder = mkdtempSync(join(tmpdir(), 'cdr-bench-'));
  let file = 0;
  const freshPath = () => join(folder, `calls-${file++}.sqlite`);
  const provider = () =>
    createTelecmi({
      credentials: simulator.credentials['piopiy-app'],
      endpoints: onlyOutgoingMissed,
      baseUrls: simulator.baseUrls,
      concurrency: 8,
    });

  // The same Calls for the write-path and baseline runs, listed once.
  const listed: Call[] = [];
  const lister = provider();
  for await (const call of lister.listCalls({ from: new Date(from), to: new Date(to) }))
    listed.push(call);
  await lister.close?.();
  check(listed.length === calls, `listed ${listed.length} of ${calls}`);

  const endToEnd = async () => {
    const store = CallStore.open(freshPath());
    const account = provider();
    const ms = await timed(() =>
      syncAccounts({
        store,
        accounts: [account],
        from: new Date(from),
        to: new Date(to),
        lookbackMs: 0,
        initialMs: 0,
        sliceMs,
      }),
    );
    check(store.count() === calls, `synced ${store.count()} of ${calls}`);
    store.close();
    await account.close?.();
    return (calls / ms) * 1000;
  };

  const writePath = async () => {
    const store = CallStore.open(freshPath());
    const slices = Map.groupBy(listed, (call) =>
      Math.floor((call.startedAt.getTime() - from) / sliceMs),
    );
    const ms = await timed(() => {
      for (const [slice, sliceCalls] of slices) {
        store.upsert(sliceCalls, {
          account: 'telecmi:app',
          position: new Date(from + (slice + 1) * sliceMs),
        });
      }
    });
    check(store.count() === calls, `stored ${store.count()} of ${calls}`);
    store.close();
    return (calls / ms) * 1000;
  };

  // The bare minimum: the same rows (JSON and all), one prepared INSERT, one transaction.
  const baseline = async () => {
    const seed = CallStore.open(freshPath()); // the same schema and pragmas
    const path = seed.path;
    seed.close();
    const db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    const insert = db.prepare(
      `INSERT INTO calls (${callRowColumns.join(', ')}) VALUES (${callRowColumns.map((c) => `:${c}`).join(', ')})`,
    );
    const ms = await timed(() => {
      db.exec('BEGIN');
      const now = Date.now();
      for (const call of listed) insert.run(toCallRow(call, now) as Record<string, SQLInputValue>);
      db.exec('COMMIT');
    });
    db.close();
    return (calls / ms) * 1000;
  };

  try {
    await writePath(); // warm up
    await baseline();
    const result = await sideBySide(runs, { endToEnd, writePath, baseline });
    config.log(
      `B5: end to end ${format.rate(result.endToEnd, 'calls')}, write path ${format.rate(result.writePath, 'calls')}, baseline ${format.rate(result.baseline, 'calls')}`,
    );
    const label = calls.toLocaleString('en-US');
    return [
      {
        id: 'B5',
        what: `sync ${label} calls into SQLite, write path (slices of 6 h, upsert + cursor per transaction)`,
        figure: format.rate(result.writePath, 'calls'),
        baseline: `${format.rate(result.baseline, 'calls')} (one INSERT, one transaction)`,
        ratio: format.ratio(result.writePath / result.baseline),
        target: '>= 0.80 of the baseline',
        met: result.writePath / result.baseline >= 0.8,
      },
      {
        id: 'B5',
        what: `sync ${label} calls into SQLite, end to end (listing pages of 10 included, latency 0)`,
        figure: format.rate(result.endToEnd, 'calls'),
        baseline: `${format.rate(result.baseline, 'calls')} (one INSERT, one transaction)`,
        ratio: format.ratio(result.endToEnd / result.baseline),
        target: '>= 0.80 of the baseline',
        met: result.endToEnd / result.baseline >= 0.8,
      },
    ];
  } finally {
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
