// pnpm bench: runs every benchmark below and writes BENCHMARKS.md at the repository root.
//   --quick         small sizes, one run each (CI: proves they still run; writes nothing unless --out)
//   --only B1,B4    a subset; the other rows of the table written before are kept
//   --out FILE      where to write the table (default ../BENCHMARKS.md for a full run)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runB1 } from './b1-list-throughput.ts';
import { runB2 } from './b2-normalization.ts';
import { runB3 } from './b3-memory.ts';
import { runB4 } from './b4-rate-limit.ts';
import { runB5AtLatency } from './b5-sync-at-latency.ts';
import { runB5Sqlite } from './b5-sync-sqlite.ts';
import { runB6 } from './b6-transport-overhead.ts';
import { runB7 } from './b7-twilio-cursor.ts';
import { runB8 } from './b8-sync-postgres.ts';
import { runB9 } from './b9-workers.ts';
import { runB10 } from './b10-ozonetel-day.ts';
import { runB11 } from './b11-dashboard.ts';
import { runB12 } from './b12-startup.ts';
import { runB13 } from './b13-provider-floors.ts';
import { runB14 } from './b14-sdk-peers.ts';
import { runB15 } from './b15-import-cost.ts';
import { runB16 } from './b16-bundle-size.ts';
import { runB17 } from './b17-sdk-sync.ts';
import type { BenchmarkConfig, BenchmarkRow } from './harness.ts';
import { keptRows, machineLabel, notesMarker, renderBenchmarks } from './report.ts';

const benchmarks: Record<string, (config: BenchmarkConfig) => Promise<BenchmarkRow[]>> = {
  B1: runB1,
  B2: runB2,
  B3: runB3,
  B4: runB4,
  B5: async (config) => [...(await runB5Sqlite(config)), ...(await runB5AtLatency(config))],
  B6: runB6,
  B7: runB7,
  B8: runB8,
  B9: runB9,
  B10: runB10,
  B11: runB11,
  B12: runB12,
  B13: runB13,
  B14: runB14,
  B15: runB15,
  B16: runB16,
  B17: runB17,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const selected = values.only
  ? values.only.split(',').map((id) => id.trim().toUpperCase())
  : Object.keys(benchmarks);
for (const id of selected)
  if (!benchmarks[id])
    throw new Error(`no benchmark ${id}; known: ${Object.keys(benchmarks).join(', ')}`);

const config: BenchmarkConfig = {
  quick: values.quick,
  log: (text) => process.stderr.write(`${text}\n`),
};
const started = performance.now();
const rows: BenchmarkRow[] = [];
for (const id of selected) {
  config.log(`running ${id}…`);
  const measured = await benchmarks[id]!(config);
  const machine = machineLabel();
  rows.push(...measured.map((row) => ({ ...row, machine })));
}
const seconds = (performance.now() - started) / 1000;

const out =
  values.out ??
  (values.quick ? undefined : fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url)));
const previous = out && existsSync(out) ? readFileSync(out, 'utf8') : '';
const notes = previous.includes(notesMarker)
  ? previous.slice(previous.indexOf(notesMarker) + notesMarker.length + 1)
  : '';
const markdown = renderBenchmarks(rows, {
  quick: values.quick,
  notes,
  seconds,
  kept: values.only ? keptRows(previous, selected) : undefined,
  rerun: values.only ? selected : undefined,
});
if (out) {
  writeFileSync(out, markdown);
  config.log(`wrote ${out}`);
} else {
  process.stdout.write(markdown);
}
const missed = rows
  .filter((row) => row.met === false || row.met === 'flips')
  .map(
    (row) =>
      `${row.id} ${row.what}${row.met === 'flips' ? ` (flips: met in ${row.metRuns} of ${row.runs} runs)` : ''}`,
  );
if (missed.length > 0 && !values.quick)
  config.log(`targets missed (see the notes in BENCHMARKS.md):\n  ${missed.join('\n  ')}`);
