// B12: how long the built `cdr` takes to start and answer, as a shell runs it: a new Node
// process each time, against `node -e 0` (Node's own start) measured alternately in the
// same run. Targets: under 0.3 s for a command that answers from the database (issue #18),
// and `calls --json --limit 20` on 100,000 calls within 3× `node -e 0` (issue #27).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SqliteCallStore } from '@cdr/demo/sqlite-store';
import { type BenchmarkConfig, type BenchmarkRow, median } from './harness.ts';
import { fillSyntheticStore } from './synthetic-store.ts';

const run = promisify(execFile);
const bundle = fileURLToPath(new URL('../../apps/demo/dist/cdr.js', import.meta.url));

async function seconds(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 });
  return (performance.now() - started) / 1000;
}

export async function runB12(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: build the app first (./pnpmw build)`);
  const home = mkdtempSync(join(tmpdir(), 'cdr-bench-startup-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home };
  const database = join(home, 'calls.sqlite');
  const calls = config.quick ? 10_000 : 100_000;
  try {
    // A database to answer from, its figures current (as after a sync).
    await fillSyntheticStore(database, calls);
    const store = SqliteCallStore.open(database);
    await store.refreshFigures();
    await store.close();
    const runs = config.quick ? 3 : 15;
    const contenders = {
      node: ['-e', '0'],
      version: [bundle, '--version'],
      help: [bundle, '--help'],
      calls: [bundle, '--db', database, 'calls', '--json', '--limit', '20'],
      report: [bundle, '--db', database, 'report'],
    } as const;
    const times = Object.fromEntries(
      Object.keys(contenders).map((key) => [key, [] as number[]]),
    ) as Record<keyof typeof contenders, number[]>;
    for (let round = 0; round < runs; round++)
      for (const key of Object.keys(contenders) as (keyof typeof contenders)[])
        times[key].push(await seconds(contenders[key], env));
    const node = median(times.node);
    const ms = (value: number) => `${Math.round(value * 1000)} ms`;
    const row = (
      what: string,
      key: keyof typeof contenders,
      target: 'absolute' | 'ratio' | 'none',
    ): BenchmarkRow => {
      const figure = median(times[key]);
      const slowest = Math.max(...times[key]);
      const ratio = figure / node;
      return {
        id: 'B12',
        what: `${what} (median of ${runs}; slowest ${ms(slowest)})`,
        figure: ms(figure),
        baseline: `${ms(node)} (node -e 0)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: target === 'absolute' ? '< 300 ms' : target === 'ratio' ? '≤ 3× node -e 0' : 'n/a',
        met: target === 'absolute' ? figure < 0.3 : target === 'ratio' ? ratio <= 3 : 'n/a',
        runs,
      };
    };
    const size = calls.toLocaleString('en-US');
    return [
      row('cdr --version, a new process', 'version', 'absolute'),
      row('cdr --help', 'help', 'absolute'),
      row(`cdr calls --json --limit 20 from a SQLite file of ${size} calls`, 'calls', 'ratio'),
      row('cdr report from the same file', 'report', 'absolute'),
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
