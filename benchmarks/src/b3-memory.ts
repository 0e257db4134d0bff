// B3: peak RSS of a process streaming N calls through the client without storing them,
// at a small and a large N: the growth between the two is what streaming costs. Two
// workloads: a PIOPIY app's one endpoint, and a user token's four (what `cdr sync` lists
// for a TeleCMI user: four streams, three of them reading ahead while the first is read).
// Then the same for `cdr sync`'s engine storing the user token's calls in a new SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A change in MB with its sign: a listing may peak a little lower than the small one. */
const signed = (bytes: number) => `${bytes < 0 ? '-' : '+'}${format.mb(Math.abs(bytes))}`;

/** The most the peak RSS may grow from the small listing to the large one (issue #27). */
const targetGrowthBytes = 50 * 1024 * 1024;

// The user token's four endpoints in turn, so that each serves a quarter of the calls.
const userKinds: readonly SimulatedTelecmiCallKind[] = [
  { account: 'rest-user', direction: 'inbound', status: 'answered' },
  { account: 'rest-user', direction: 'inbound', status: 'missed' },
  { account: 'rest-user', direction: 'outbound', status: 'answered' },
  { account: 'rest-user', direction: 'outbound', status: 'missed' },
];

interface Measured {
  mode: 'list' | 'sync';
  credentials: TelecmiCredentials;
  flags: readonly string[];
}

/** The child's peak RSS for `[from, to]`, whose `expected` calls it must list or store. */
async function peakRss(
  simulator: TelecmiSimulator,
  { mode, credentials, flags }: Measured,
  { from, to, expected }: { from: number; to: number; expected: number },
) {
  const folder = mkdtempSync(join(tmpdir(), 'cdr-b3-'));
  try {
    const { stdout } = await run(
      process.execPath,
      [
        ...flags,
        child,
        mode,
        simulator.url,
        JSON.stringify(credentials),
        String(from),
        String(to),
        join(folder, 'calls.sqlite'),
      ],
      { maxBuffer: 1024 * 1024 },
    );
    const result = JSON.parse(stdout) as { count: number; maxRssBytes: number };
    check(result.count === expected, `${mode}: ${result.count} of ${expected} calls`);
    return result.maxRssBytes;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
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
  const app = simulator.credentials['piopiy-app'];
  const user = simulator.credentials['rest-user'];
  const defaultHeap = 'default V8 heap settings';
  const bounded = `bounded heap (${boundedHeap.join(' ')})`;
  const listing = (workload: string, label: string) =>
    `peak RSS streaming ${large.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')} calls through the client, ${workload}, concurrency 16, ${label}`;
  const syncing = (label: string) =>
    `peak RSS of \`cdr sync\`'s engine storing ${large.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')} calls in a new SQLite file, a user token, 4 endpoints, CLI defaults (slices of 1 d, concurrency 4), ${label}`;
  const measured: [string, Measured][] = [
    [
      listing('one endpoint (PIOPIY app, outgoing missed)', defaultHeap),
      { mode: 'list', credentials: app, flags: [] },
    ],
    [
      listing('one endpoint (PIOPIY app, outgoing missed)', bounded),
      { mode: 'list', credentials: app, flags: boundedHeap },
    ],
    [
      listing('a user token, 4 endpoints', defaultHeap),
      { mode: 'list', credentials: user, flags: [] },
    ],
    [
      listing('a user token, 4 endpoints', bounded),
      { mode: 'list', credentials: user, flags: boundedHeap },
    ],
    [syncing(defaultHeap), { mode: 'sync', credentials: user, flags: [] }],
    // The flags apps/demo's README gives a sync that needs its memory bounded: keep them alike.
    [syncing(bounded), { mode: 'sync', credentials: user, flags: boundedHeap }],
  ];
  // The sync's window ends a second after the newest call: its end is exclusive.
  const sizes = (count: number) => ({
    from: to - (count - 1) * spacing,
    to: to + spacing,
    expected: count,
  });
  try {
    const rows: BenchmarkRow[] = [];
    for (const [what, measure] of measured) {
      // Run by run, the small run next to the large one: the growth of each pair.
      const smallRss: number[] = [];
      const largeRss: number[] = [];
      for (let round = 0; round < runs; round++) {
        smallRss.push(await peakRss(simulator, measure, sizes(small)));
        largeRss.push(await peakRss(simulator, measure, sizes(large)));
      }
      const growth = largeRss.map((value, round) => value - smallRss[round]!);
      config.log(
        `B3 ${what}: ${smallRss.map(format.mb).join(', ')} for ${small}; ${largeRss.map(format.mb).join(', ')} for ${large}`,
      );
      rows.push({
        id: 'B3',
        what,
        figure: `${format.mb(median(largeRss))} (max ${format.mb(Math.max(...largeRss))})`,
        baseline: `${format.mb(median(smallRss))} (max ${format.mb(Math.max(...smallRss))}) (${small.toLocaleString('en-US')} calls)`,
        ratio: `${signed(median(growth))} (max ${signed(Math.max(...growth))})`,
        target: 'growth < 50 MB',
        ...verdict(growth, (value) => value < targetGrowthBytes),
        runs,
      });
    }
    return rows;
  } finally {
    await simulator.stop();
  }
}
