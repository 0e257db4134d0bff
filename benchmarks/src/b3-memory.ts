// B3: peak RSS of a process streaming N calls through the client without storing them,
// at a small and a large N: the growth between the two is what streaming costs.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TelecmiSimulator } from '@cdr/telecmi/testing';
import { type BenchmarkConfig, type BenchmarkRow, check, format, medianOf } from './harness.ts';
import { outgoingMissed } from './telecmi-workload.ts';

const child = fileURLToPath(new URL('./b3-child.ts', import.meta.url));
const run = promisify(execFile);

/** Node flags that bound V8's heap: garbage is collected rather than left to grow the heap. */
const boundedHeap = ['--max-old-space-size=48', '--max-semi-space-size=4'];

async function peakRss(
  simulator: TelecmiSimulator,
  from: number,
  to: number,
  expected: number,
  flags: readonly string[],
) {
  const { appId, appSecret } = simulator.credentials['piopiy-app'];
  const { stdout } = await run(
    process.execPath,
    [...flags, child, simulator.url, String(appId), appSecret, String(from), String(to)],
    { maxBuffer: 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as { count: number; maxRssBytes: number };
  check(result.count === expected, `streamed ${result.count} of ${expected} calls`);
  return result.maxRssBytes;
}

export async function runB3(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const small = 10_000;
  const large = config.quick ? 50_000 : 1_000_000;
  const runs = config.quick ? 1 : 3;
  // One simulator holds both sizes: the small run lists the newest calls only.
  const simulator = await TelecmiSimulator.start({ calls: 0, seed: 3 });
  const to = simulator.dataSet.now;
  const spacing = 1000;
  for (let index = 0; index < large; index++)
    simulator.addCall(outgoingMissed, to - index * spacing);
  try {
    const rows: BenchmarkRow[] = [];
    for (const [label, flags] of [
      ['default V8 heap settings', []],
      [`bounded heap (${boundedHeap.join(' ')})`, boundedHeap],
    ] as const) {
      const smallRss = await medianOf(runs, () =>
        peakRss(simulator, to - (small - 1) * spacing, to, small, [...flags]),
      );
      const largeRss = await medianOf(runs, () =>
        peakRss(simulator, to - (large - 1) * spacing, to, large, [...flags]),
      );
      const growth = largeRss - smallRss;
      config.log(
        `B3 ${label}: ${format.mb(smallRss)} for ${small}, ${format.mb(largeRss)} for ${large}`,
      );
      rows.push({
        id: 'B3',
        what: `peak RSS streaming ${large.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')} calls through the client, ${label}`,
        figure: format.mb(largeRss),
        baseline: `${format.mb(smallRss)} (${small.toLocaleString('en-US')} calls)`,
        ratio: `+${format.mb(growth)}`,
        target: 'growth < 30 MB',
        met: growth < 30 * 1024 * 1024,
      });
    }
    return rows;
  } finally {
    await simulator.stop();
  }
}
