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
  /** `flips`: met in some runs and missed in others (`metRuns` says how many). */
  met: boolean | 'n/a' | 'flips';
  /** How many runs the figures come from. */
  runs?: number | undefined;
  /** For a target judged run by run: in how many runs it was met. */
  metRuns?: number | undefined;
  /** Where it ran: Node version, CPU, and the machine's load as the benchmark finished. */
  machine?: string | undefined;
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

/**
 * Like `sideBySide`, but keeps every run's value: ratios are then taken run by run (a
 * figure against the baseline measured next to it), and a target judged on each run.
 */
export async function sideBySideRuns<K extends string>(
  runs: number,
  contenders: Record<K, () => Promise<number>>,
): Promise<Record<K, number[]>> {
  const values = Object.fromEntries(
    Object.keys(contenders).map((key) => [key, [] as number[]]),
  ) as Record<K, number[]>;
  for (let run = 0; run < runs; run++) {
    for (const key of Object.keys(contenders) as K[]) values[key].push(await contenders[key]());
  }
  return values;
}

/** Run-by-run quotients: `figure[i] / baseline[i]`. */
export function ratiosOf(figure: readonly number[], baseline: readonly number[]): number[] {
  return figure.map((value, run) => value / baseline[run]!);
}

/**
 * A row comparing a rate with a baseline measured in the same rounds: the figures' median
 * and worst run, the ratio's median and worst run, and the target judged on every run
 * (met in all, missed in all, or flipping between the two).
 */
export function ratioRow(options: {
  id: string;
  what: string;
  figure: readonly number[];
  baseline: readonly number[];
  unit: string;
  baselineLabel: string;
  /** The ratio a run must reach (figure ÷ baseline ≥ target); `undefined`: no target. */
  target: number | undefined;
  /** How the target reads in the table, when `>= 0.80 of the baseline` does not say it. */
  targetLabel?: string | undefined;
}): BenchmarkRow {
  const ratios = ratiosOf(options.figure, options.baseline);
  return {
    id: options.id,
    what: options.what,
    figure: format.spread(options.figure, options.unit),
    baseline: `${format.spread(options.baseline, options.unit)} (${options.baselineLabel})`,
    ratio: format.ratioSpread(ratios),
    target:
      options.target === undefined
        ? 'n/a'
        : (options.targetLabel ?? `>= ${options.target.toFixed(2)} of the baseline`),
    ...verdict(ratios, (ratio) => options.target === undefined || ratio >= options.target),
    runs: ratios.length,
  };
}

/** The verdict on a target judged run by run. */
export function verdict(
  values: readonly number[],
  meets: (value: number) => boolean,
): Pick<BenchmarkRow, 'met' | 'metRuns'> {
  const metRuns = values.filter(meets).length;
  return {
    met: metRuns === values.length ? true : metRuns === 0 ? false : 'flips',
    metRuns,
  };
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
  /** The median of the runs and the worst (lowest) of them: `43,400 calls/s (min 41,020)`. */
  spread: (values: readonly number[], unit: string) =>
    Math.min(...values) === Math.max(...values)
      ? format.rate(values[0]!, unit)
      : `${format.rate(median(values), unit)} (min ${Math.round(Math.min(...values)).toLocaleString('en-US')})`,
  /** A ratio's median and its lowest run: `0.86 (min 0.81)`. */
  ratioSpread: (values: readonly number[]) =>
    values.length === 1
      ? values[0]!.toFixed(2)
      : `${median(values).toFixed(2)} (min ${Math.min(...values).toFixed(2)})`,
};

/** Fails the benchmark when it measured the wrong thing: a figure of a broken run is worse than none. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
}
