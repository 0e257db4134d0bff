// Test support: checking a /metrics answer with Prometheus's own linter, and reading
// series out of it.
import { spawnSync } from 'node:child_process';

/**
 * Runs `promtool check metrics` on `text` and throws with its complaints when it has any.
 * promtool comes with Debian's `prometheus` package, which CI installs (.ci/run): its
 * absence fails the test, saying so, rather than skipping the check.
 */
export function promtoolCheck(text: string): void {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error(
      'promtool is not installed: `apt-get install prometheus` (Debian; .ci/run installs it) to check the metrics text',
    );
  if (run.status !== 0)
    throw new Error(`promtool check metrics failed (${run.status}): ${run.stdout}${run.stderr}`);
}

/**
 * The values of the samples of `name` whose labels include every one of `labels`:
 * `cdr_provider_requests_total`, `{ outcome: 'ok' }`.
 */
export function samples(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number[] {
  const values: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      found.set(pair[1]!, pair[2]!);
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value))
      values.push(Number(match[3]));
  }
  return values;
}

/** The sum of those samples (0 when there is none). */
export function sampleSum(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  return samples(text, name, labels).reduce((sum, value) => sum + value, 0);
}
