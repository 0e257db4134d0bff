import { availableParallelism, cpus, loadavg } from 'node:os';
import type { BenchmarkRow } from './harness.ts';

/** Everything after this line in BENCHMARKS.md is written by hand and kept across runs. */
export const notesMarker = '<!-- Notes: written by hand, kept across runs. -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

/**
 * The machine a row was measured on, stamped on each row: Node, the CPU, and the load
 * average when the benchmark finished — a figure taken while other work shared the cores
 * says so.
 */
export function machineLabel(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `Node ${process.version}, ${availableParallelism()}× ${model}, load ${loadavg()[0]!.toFixed(1)}`;
}

const tableRowId = (line: string) => /^\| (B\d+) \|/.exec(line)?.[1];

/**
 * The rows of a previous BENCHMARKS.md table that a partial run (`--only`) leaves as they
 * were: every row whose benchmark was not run this time, as written.
 */
export function keptRows(previous: string, rerun: readonly string[]): string[] {
  const table = previous.slice(0, Math.max(0, previous.indexOf(notesMarker)));
  return table.split('\n').filter((line) => {
    const id = tableRowId(line);
    return id !== undefined && !rerun.includes(id);
  });
}

const idNumber = (line: string) => Number(tableRowId(line)?.slice(1) ?? 0);

export function renderBenchmarks(
  rows: readonly BenchmarkRow[],
  options: {
    quick: boolean;
    notes: string;
    seconds: number;
    /** Rows kept from the previous table (see `keptRows`), merged in by benchmark id. */
    kept?: readonly string[] | undefined;
    /** The benchmarks this run measured, when it did not run them all. */
    rerun?: readonly string[] | undefined;
  },
): string {
  // Quick-mode sizes say nothing about the targets: no verdicts then.
  const verdict = (row: BenchmarkRow) => {
    if (row.met === 'n/a' || options.quick) return '';
    if (row.met === 'flips') return `**flips**: met in ${row.metRuns} of ${row.runs} runs`;
    return row.met ? 'met' : '**missed**';
  };
  const measured = rows.map(
    (row) =>
      `| ${row.id} | ${cell(row.what)} | ${cell(row.figure)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${cell(row.target)} | ${verdict(row)} | ${row.runs ?? '?'}; ${cell(row.machine ?? '')} |`,
  );
  // A stable sort by benchmark number: kept rows and new ones each keep their own order.
  const lines = [...(options.kept ?? []), ...measured].sort((a, b) => idNumber(a) - idNumber(b));
  const table = [
    '| id | benchmark | figure | baseline (same run) | ratio | target | | runs, machine |',
    '|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
  const partial =
    options.rerun && options.kept && options.kept.length > 0
      ? ` This run measured ${options.rerun.join(', ')}; the other rows are kept from earlier runs (each row's last column says where and under what load it ran).`
      : '';
  return `# Benchmarks

Written by \`pnpm bench\`${options.quick ? ' (quick mode: small sizes, one run; not figures to quote)' : ''} on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${process.platform}/${process.arch}; ${Math.round(options.seconds)} s in all.${partial}
Each comparison ran side by side (alternating) in one process, against the simulators on 127.0.0.1. A figure with a \`(min …)\` is the median of its runs and the worst run; a ratio with one is the median and the worst of the run-by-run ratios (each run against the baseline measured next to it), and its target is judged on every run: met in all, missed in all, or **flips**. Other figures are medians.

${table}

${notesMarker}
${options.notes}`;
}
