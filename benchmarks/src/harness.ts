// What every benchmark shares: repeated runs and medians, and the row it reports.

export interface BenchmarkConfig {
  /** Small sizes and one run each: CI proves the benchmarks still run, nothing more. */
  quick: boolean;
  log: (text: string) => void;
}

export interface BenchmarkRow {
  id: string;
  what: string;
  /** The measured figure, with its unit. */
  figure: string;
  /** The baseline measured in the same process, with its unit. */
  baseline: string;
  /** figure ÷ baseline (or as the target defines it), e.g. `0.97`. */
  ratio: string;
  target: string;
  met: boolean | 'n/a';
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` `runs` times and gives the median of what each run returns. */
export async function medianOf(
  runs: number,
  work: (run: number) => Promise<number>,
): Promise<number> {
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(await work(run));
  return median(values);
}

/**
 * Runs the contenders alternately, `runs` rounds, so that a noisy neighbour hurts each of
 * them alike, and gives each one's median.
 */
export async function sideBySide<K extends string>(
  runs: number,
  contenders: Record<K, () => Promise<number>>,
): Promise<Record<K, number>> {
  const values = Object.fromEntries(
    Object.keys(contenders).map((key) => [key, [] as number[]]),
  ) as Record<K, number[]>;
  for (let run = 0; run < runs; run++) {
    for (const key of Object.keys(contenders) as K[]) values[key].push(await contenders[key]());
  }
  return Object.fromEntries(
    Object.entries(values).map(([key, list]) => [key, median(list as number[])]),
  ) as Record<K, number>;
}

export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export const format = {
  rate: (perSecond: number, unit: string) =>
    `${Math.round(perSecond).toLocaleString('en-US')} ${unit}/s`,
  ms: (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`),
  us: (us: number) => `${us.toFixed(1)} µs`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  ratio: (value: number) => value.toFixed(2),
};

/** Fails the benchmark when it measured the wrong thing: a figure of a broken run is worse than none. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}
