// B15: what importing a provider costs, cold: `import { createTwilio } from '@cdr/twilio'`
// in a fresh Node process, timed inside it (Node's own start excluded), against
// `import 'undici'` timed the same way, alternately in the same run (median of 15 each).
// The target (issue #23): a provider costs at most 1.3× undici alone. And a webhook is
// parsed with no HTTP client loaded: each provider's `/push` entry is imported, and a Twilio
// status callback parsed, with every module resolved recorded — none may be undici's.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BenchmarkConfig, type BenchmarkRow, median } from './harness.ts';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./b15-child.ts', import.meta.url));

interface ChildResult {
  ms: number;
  undici: number;
}

async function importOnce(specifier: string, trace = false): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [child, specifier, ...(trace ? ['trace'] : [])]);
  return JSON.parse(stdout) as ChildResult;
}

/** The provider packages this benchmark depends on: those declaring `cdr.descriptor`. */
export function benchmarkedProviders(): string[] {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { dependencies: Record<string, string> };
  return Object.keys(manifest.dependencies).filter((name) => {
    if (!name.startsWith('@cdr/')) return false;
    // Read from the linked folder: not every workspace package exports its package.json.
    const own = JSON.parse(
      readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8'),
    ) as { cdr?: { descriptor?: string } };
    return typeof own.cdr?.descriptor === 'string';
  });
}

export async function runB15(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const runs = config.quick ? 3 : 15;
  const providers = benchmarkedProviders();
  const contenders = ['undici', '@cdr/core', ...providers];
  const times = new Map<string, number[]>(contenders.map((name) => [name, []]));
  for (let round = 0; round < runs; round++)
    for (const name of contenders) times.get(name)!.push((await importOnce(name)).ms);
  const undici = median(times.get('undici')!);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const rows: BenchmarkRow[] = contenders
    .filter((name) => name !== 'undici')
    .map((name) => {
      const figure = median(times.get(name)!);
      const ratio = figure / undici;
      return {
        id: 'B15',
        what: `import ${name === '@cdr/core' ? "{ createCdrClient } from '@cdr/core'" : `'${name}' (its factory)`}, cold, in a fresh process (median of ${runs}; slowest ${ms(Math.max(...times.get(name)!))})`,
        figure: ms(figure),
        baseline: `${ms(undici)} (import 'undici', same run)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: name === '@cdr/core' ? 'n/a' : '≤ 1.3×',
        met: name === '@cdr/core' ? 'n/a' : ratio <= 1.3,
        runs,
      };
    });

  // Loads, not times: one traced process per entry.
  const pushes = providers.map((name) => `${name}/push`);
  const traced: { specifier: string; undici: number }[] = [];
  for (const specifier of [...providers, ...pushes])
    traced.push({ specifier, undici: (await importOnce(specifier, true)).undici });
  const loading = (list: readonly string[]) =>
    traced.filter((entry) => list.includes(entry.specifier) && entry.undici > 0);
  const factories = loading(providers);
  const pushing = loading(pushes);
  rows.push(
    {
      id: 'B15',
      what: `providers whose main entry loads undici when imported (it is loaded on the first request)${factories.length ? `: ${factories.map((entry) => entry.specifier).join(', ')}` : ''}`,
      figure: `${factories.length} of ${providers.length}`,
      baseline: 'n/a',
      ratio: 'n/a',
      target: 'n/a',
      met: 'n/a',
    },
    {
      id: 'B15',
      what: `\`/push\` entries that load undici (a Twilio status callback parsed in the same process)${pushing.length ? `: ${pushing.map((entry) => entry.specifier).join(', ')}` : ''}`,
      figure: `${pushing.length} of ${pushes.length}`,
      baseline: 'n/a',
      ratio: 'n/a',
      target: '0',
      met: pushing.length === 0,
    },
  );
  return rows;
}
