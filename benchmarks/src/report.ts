import { availableParallelism, cpus } from 'node:os';
import type { BenchmarkRow } from './harness.ts';

/** Everything after this line in BENCHMARKS.md is written by hand and kept across runs. */
export const notesMarker = '<!-- Notes: written by hand, kept across runs. -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderBenchmarks(
  rows: readonly BenchmarkRow[],
  options: { quick: boolean; notes: string; seconds: number },
): string {
  // Quick-mode sizes say nothing about the targets: no verdicts then.
  const verdict = (met: BenchmarkRow['met']) =>
    met === 'n/a' || options.quick ? '' : met ? 'met' : '**missed**';
  const table = [
    '| id | benchmark | figure | baseline (same run) | ratio | target | |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.id} | ${cell(row.what)} | ${cell(row.figure)} | ${cell(row.baseline)} | ${row.ratio} | ${cell(row.target)} | ${verdict(row.met)} |`,
    ),
  ].join('\n');
  return `# Benchmarks

Written by \`pnpm bench\`${options.quick ? ' (quick mode: small sizes, one run; not figures to quote)' : ''} on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${process.platform}/${process.arch}; ${Math.round(options.seconds)} s in all.
Every figure is the median of several runs; each comparison ran side by side (alternating) in one process, against the simulators on 127.0.0.1.

${table}

${notesMarker}
${options.notes}`;
}
