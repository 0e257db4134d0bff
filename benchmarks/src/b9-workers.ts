// B9 (issue #16): 50 accounts on simulators with 50 ms latency, synced into PostgreSQL.
// - 3 `cdr worker` processes against 1, each with the same concurrency: time from queueing
//   every account (`cdr schedule --now`) until every account has synced. Target <= 0.4.
// - One `cdr sync` process with its accounts concurrent (--parallel 8) against the same
//   process syncing them one after another (--parallel 1). Target <= 0.3.
// Every run starts from an empty database; each pair runs alternately.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, startTestPostgres } from '@cdr/demo/postgres-test-server';
import { startSimulatedFleet } from '@cdr/demo/simulated-fleet';
import { openCallStore } from '@cdr/demo/store';
import { type BenchmarkConfig, type BenchmarkRow, median } from './harness.ts';

const run = promisify(execFile);
const cdr = fileURLToPath(new URL('../../apps/demo/dist/cdr.js', import.meta.url));

async function syncedAccounts(url: string): Promise<number> {
  const store = await openCallStore(url);
  try {
    return (await store.accountStates()).filter((state) => state.lastSuccessAt).length;
  } finally {
    await store.close();
  }
}

export async function runB9(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const accounts = config.quick ? 12 : 50;
  const runs = config.quick ? 1 : 3;
  const postgres = await startTestPostgres();
  const fleet = await startSimulatedFleet(accounts, {
    latencyMs: 50,
    faultRate: 0,
    calls: config.quick ? 40 : 120,
    days: 2,
    now: Date.now(),
  });
  const home = mkdtempSync(join(tmpdir(), 'cdr-bench-b9-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, ...fleet.env };
  const args = (url: string) => ['--db', url, '--accounts', fleet.file];

  const workers = async (count: number): Promise<number> => {
    const database = await createTestDatabase(postgres.adminUrl);
    const children: ChildProcess[] = [];
    try {
      const ready: Promise<void>[] = [];
      for (let index = 0; index < count; index++) {
        const child = spawn(
          process.execPath,
          [cdr, ...args(database.url), 'worker', '--parallel', '4', '--initial', '2d'],
          {
            env,
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        children.push(child);
        // A worker says so on stderr once its queue is set up and it takes jobs.
        ready.push(
          new Promise((resolve, reject) => {
            let said = '';
            child.stderr?.on('data', (chunk: Buffer) => {
              said += chunk.toString();
              if (/^Worker /m.test(said)) resolve();
            });
            child.once('exit', (code) =>
              reject(new Error(`B9: a worker exited (${code}) before it was ready: ${said}`)),
            );
          }),
        );
      }
      // Every worker ready before the clock starts: their start-up is not what is measured.
      await Promise.all(ready);
      const started = performance.now();
      await run(process.execPath, [cdr, ...args(database.url), 'schedule', '--now'], { env });
      while ((await syncedAccounts(database.url)) < accounts)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return (performance.now() - started) / 1000;
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(
        children.map(
          (child) =>
            new Promise((resolve) =>
              child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
            ),
        ),
      );
      await database.drop();
    }
  };

  const oneProcess = async (parallel: number): Promise<number> => {
    const database = await createTestDatabase(postgres.adminUrl);
    try {
      const started = performance.now();
      await run(
        process.execPath,
        [
          cdr,
          ...args(database.url),
          '--quiet',
          'sync',
          '--initial',
          '2d',
          '--parallel',
          String(parallel),
        ],
        { env, maxBuffer: 16 * 1024 * 1024 },
      );
      const seconds = (performance.now() - started) / 1000;
      const synced = await syncedAccounts(database.url);
      if (synced !== accounts) throw new Error(`B9: ${synced} of ${accounts} accounts synced`);
      return seconds;
    } finally {
      await database.drop();
    }
  };

  try {
    const one: number[] = [];
    const three: number[] = [];
    const sequential: number[] = [];
    const concurrent: number[] = [];
    for (let round = 0; round < runs; round++) {
      one.push(await workers(1));
      three.push(await workers(3));
      sequential.push(await oneProcess(1));
      concurrent.push(await oneProcess(8));
    }
    const seconds = (value: number) => `${value.toFixed(1)} s`;
    const ratios = (figures: number[], baselines: number[]) =>
      figures.map((figure, index) => figure / baselines[index]!);
    const verdict = (values: number[], target: number) => {
      const met = values.filter((value) => value <= target).length;
      return met === values.length ? true : met === 0 ? false : ('flips' as const);
    };
    const workerRatios = ratios(three, one);
    const processRatios = ratios(concurrent, sequential);
    const spread = (values: number[]) =>
      `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
    return [
      {
        id: 'B9',
        what: `${accounts} TeleCMI accounts, 50 ms latency, into PostgreSQL: 3 workers (concurrency 4 each) against 1`,
        figure: seconds(median(three)),
        baseline: `${seconds(median(one))} (1 worker)`,
        ratio: spread(workerRatios),
        target: '<= 0.40 of one worker',
        met: verdict(workerRatios, 0.4),
        runs,
      },
      {
        id: 'B9',
        what: `the same ${accounts} accounts, one sync process: --parallel 8 against --parallel 1`,
        figure: seconds(median(concurrent)),
        baseline: `${seconds(median(sequential))} (one account at a time)`,
        ratio: spread(processRatios),
        target: '<= 0.30 of sequential',
        met: verdict(processRatios, 0.3),
        runs,
      },
    ];
  } finally {
    await fleet.stop();
    await postgres.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
