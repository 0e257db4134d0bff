/**
 * The exit codes, as `--help` documents them:
 * - 0: done;
 * - 1: a usage or local error (a flag, a file, the database, the configuration);
 * - 2: a provider failed (every account or lookup the command ran);
 * - 3: partial success (some accounts or lookups failed, the others are done);
 * - 130: interrupted (Ctrl-C, SIGINT), 143: terminated (SIGTERM), as shells report a
 *   process a signal ended (128 + the signal's number); what was committed stays.
 *   `worker`, `serve` and `receive` take either signal as their normal end: exit 0.
 */
export const exitCodes = {
  ok: 0,
  error: 1,
  failed: 2,
  partial: 3,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** The code for a run of several parts: ok, partial, or failed when every part failed. */
export function exitCodeOf(outcomes: readonly boolean[]): ExitCode {
  const failures = outcomes.filter((ok) => !ok).length;
  if (failures === 0) return exitCodes.ok;
  return failures === outcomes.length ? exitCodes.failed : exitCodes.partial;
}

/** The code for steps run one after another, each with its own code: the worst, where partial beats failed unless all failed. */
export function combineExitCodes(codes: readonly number[]): number {
  if (codes.includes(exitCodes.error)) return exitCodes.error;
  if (codes.every((code) => code === exitCodes.ok)) return exitCodes.ok;
  return codes.every((code) => code === exitCodes.failed) ? exitCodes.failed : exitCodes.partial;
}
