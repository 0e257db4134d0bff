// B3: peak RSS of a process streaming N calls through the client without storing them,
// at a small and a large N: the growth between the two is what streaming costs. Two
// workloads: a PIOPIY app's one endpoint, and a user token's four (what `cdr sync` lists
// for a TeleCMI user: four streams, three of them reading ahead while the first is read).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TelecmiCredentials } from '@cdr/telecmi';
import { type SimulatedTelecmiCallKind, TelecmiSimulator } from '@cdr/telecmi/testing';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  median,
  verdict,
} from './harness.ts';
import { outgoingMissed } from './telecmi-workload.ts';

const child = fileURLToPath(new URL('./b3-child.ts', import.meta.url));
const run = promisify(execFile);

/** Node flags that bound V8's heap: garbage is collected rather than left to grow the heap. */
const boundedHeap = ['--max-old-space-size=48', '--max-semi-space-size=4'];

/** The most the peak RSS may grow from the small listing to the large one (issue #27). */
const targetGrowthBytes = 50 * 1024 * 1024;

// The user token's four endpoints in turn, so that each serves a quarter of the calls.
const userKinds: readonly SimulatedTelecmiCallKind[] = [
  { account: 'rest-user', direction: 'inbound', status: 'answered' },
  { account: 'rest-user', direction: 'inbound', status: 'missed' },
  { account: 'rest-user', direction: 'outbound', status: 'answered' },
  { account: 'rest-user', direction: 'outbound', status: 'missed' },
];

async function peakRss(
  simulator: TelecmiSimulator,
  credentials: TelecmiCredentials,
  from: number,
  to: number,
  expected: number,
  flags: readonly string[],
) {
  const { stdout } = await run(
    process.execPath,
    [...flags, child, simulator.url, JSON.stringify(credentials), String(from), String(to)],
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
  // One simulator holds both workloads' calls, one a second apart; the small run lists the
  // newest calls only.
  const simulator = await TelecmiSimulator.start({ calls: 0, seed: 3 });
  const to = simulator.dataSet.now;
  const spacing = 1000;
  for (let index = 0; index < large; index++) {
    simulator.addCall(outgoingMissed, to - index * spacing);
    simulator.addCall(userKinds[index % userKinds.length]!, to - index * spacing);
  }
  const workloads = [
    ['one endpoint (PIOPIY app, outgoing missed)', simulator.credentials['piopiy-app']],
    ['a user token, 4 endpoints', simulator.credentials['rest-user']],
  ] as const;
  const settings = [
    ['default V8 heap settings', []],
    [`bounded heap (${boundedHeap.join(' ')})`, boundedHeap],
  ] as const;
  try {
    const rows: BenchmarkRow[] = [];
    for (const [workload, credentials] of workloads) {
      for (const [label, flags] of settings) {
        // Run by run, the small listing next to the large one: the growth of each pair.
        const smallRss: number[] = [];
        const largeRss: number[] = [];
        for (let round = 0; round < runs; round++) {
          smallRss.push(
            await peakRss(simulator, credentials, to - (small - 1) * spacing, to, small, flags),
          );
          largeRss.push(
            await peakRss(simulator, credentials, to - (large - 1) * spacing, to, large, flags),
          );
        }
        const growth = largeRss.map((value, round) => value - smallRss[round]!);
        config.log(
          `B3 ${workload}, ${label}: ${smallRss.map(format.mb).join(', ')} for ${small}; ${largeRss.map(format.mb).join(', ')} for ${large}`,
        );
        rows.push({
          id: 'B3',
          what: `peak RSS streaming ${large.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')} calls through the client, ${workload}, concurrency 16, ${label}`,
          figure: `${format.mb(median(largeRss))} (max ${format.mb(Math.max(...largeRss))})`,
          baseline: `${format.mb(median(smallRss))} (max ${format.mb(Math.max(...smallRss))}) (${small.toLocaleString('en-US')} calls)`,
          ratio: `+${format.mb(median(growth))} (max +${format.mb(Math.max(...growth))})`,
          target: 'growth < 50 MB',
          ...verdict(growth, (value) => value < targetGrowthBytes),
          runs,
        });
      }
    }
    return rows;
  } finally {
    await simulator.stop();
  }
}
