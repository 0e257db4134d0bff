// B12: how long the built `cdr` takes to start and answer, as a shell runs it: a new Node
// process each time, against `node -e 0` (Node's own start) measured alternately in the
// same run. The target (issue #18) is under 0.3 s for a command that answers from the
// database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BenchmarkConfig, type BenchmarkRow, median } from './harness.ts';

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
  const database = join(home, 'demo.sqlite');
  try {
    // A database to answer from: the demo's, small.
    await run(process.execPath, [bundle, '--db', database, '--quiet', 'demo'], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
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
    const row = (what: string, key: keyof typeof contenders, target: boolean): BenchmarkRow => {
      const figure = median(times[key]);
      const slowest = Math.max(...times[key]);
      return {
        id: 'B12',
        what: `${what} (median of ${runs}; slowest ${ms(slowest)})`,
        figure: ms(figure),
        baseline: `${ms(node)} (node -e 0)`,
        ratio: `+${ms(figure - node)}`,
        target: target ? '< 300 ms' : 'n/a',
        met: target ? figure < 0.3 : 'n/a',
        runs,
      };
    };
    return [
      row('cdr --version, a new process', 'version', true),
      row('cdr --help', 'help', true),
      row('cdr calls --json --limit 20 from a SQLite file of ~4,000 calls', 'calls', true),
      row('cdr report from the same file', 'report', false),
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
