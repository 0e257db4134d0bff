// B5 at real latency: `cdr sync`'s engine (syncAccounts, CLI defaults: slices of 1 d, the
// provider's default concurrency) over 20 days of a TeleCMI user's calls from a simulator
// that answers after 50 ms, into SQLite; against the client's own listing of the same
// window at the same concurrency with no store (what the sync could reach at best), and a
// sequential fetch loop over the same endpoints (what a naive script reaches).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCallStore } from '@cdr/demo/sqlite-store';
import type { TelecmiEndpoint } from '@cdr/telecmi/api';
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
import { listAll, startUserWorkload, type UserWorkload } from './telecmi-user-workload.ts';
import { timedCliSync } from './timed-sync.ts';

/** A plain `fetch` per page, one after another, endpoint after endpoint; no mapping. */
async function sequentialFetchLoop(workload: UserWorkload): Promise<number> {
  const token = workload.simulator.credentials['rest-user'].token;
  let count = 0;
  const listEndpoint = async (endpoint: TelecmiEndpoint) => {
    for (let page = 1; ; page++) {
      const response = await fetch(`${workload.simulator.url}${endpoint.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...endpoint.fixedParameters,
          token,
          from: workload.from,
          to: workload.to,
          page,
          limit: endpoint.maxPageSize,
        }),
      });
      const body = (await response.json()) as { cdr: unknown[]; count: number };
      count += body.cdr.length;
      // The stated total says when to stop: no empty page is asked for.
      if (body.cdr.length === 0 || page * endpoint.maxPageSize >= body.count) return;
    }
  };
  const ms = await timed(async () => {
    for (const endpoint of workload.endpoints) await listEndpoint(endpoint);
  });
  check(count === workload.calls, `the fetch loop listed ${count} of ${workload.calls} calls`);
  return (workload.calls / ms) * 1000;
}

export async function runB5AtLatency(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 400 : 3000;
  const days = 20;
  const latencyMs = config.quick ? 20 : 50;
  const runs = config.quick ? 1 : 5;
  const workload = await startUserWorkload({ calls, days, latencyMs, seed: 13 });
  const { from, to } = workload;
  const folder = mkdtempSync(join(tmpdir(), 'cdr-bench-'));
  let file = 0;

  const sync = async () => {
    const store = SqliteCallStore.open(join(folder, `calls-${file++}.sqlite`), cliSqliteOptions);
    const provider = workload.provider();
    try {
      return await timedCliSync(store, provider, { from, to }, calls);
    } finally {
      await provider.close?.();
      await store.close();
    }
  };

  const client = async () => {
    const provider = workload.provider();
    try {
      let listed = 0;
      const ms = await timed(async () => {
        listed = (await listAll(provider, from, to)).length;
      });
      check(listed === calls, `the client listed ${listed} of ${calls}`);
      return (calls / ms) * 1000;
    } finally {
      await provider.close?.();
    }
  };

  try {
    await client(); // warm up: connections, JIT
    const result = await sideBySideRuns(runs, {
      sync,
      client,
      loop: () => sequentialFetchLoop(workload),
    });
    config.log(
      `B5 at ${latencyMs} ms: sync ${format.spread(result.sync, 'calls')}, client ${format.spread(result.client, 'calls')}, fetch loop ${format.spread(result.loop, 'calls')}`,
    );
    const what = `sync ${calls.toLocaleString('en-US')} user calls over ${days} days into SQLite, ${latencyMs} ms latency, CLI defaults (slices of 1 d, concurrency 4)`;
    return [
      ratioRow({
        id: 'B5',
        what,
        figure: result.sync,
        baseline: result.client,
        unit: 'calls',
        baselineLabel: "the client's listing of the window, concurrency 4, no store",
        target: 0.85,
      }),
      ratioRow({
        id: 'B5',
        what: 'same sync, against a sequential fetch loop over the same endpoints',
        figure: result.sync,
        baseline: result.loop,
        unit: 'calls',
        baselineLabel: 'sequential fetch loop',
        target: 3.5,
        targetLabel: '>= 3.5x the loop',
      }),
    ];
  } finally {
    await workload.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
