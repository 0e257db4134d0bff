/** The variable that sets the tool's clock (see the README's "Clock"). */
export const clockVariable = 'CDR_NOW';

/** A clock the tool cannot run on: one line for the user, naming the variable. */
export class ClockSettingError extends Error {
  override readonly name = 'ClockSettingError';
}

// An instant with its zone, so that it means one moment wherever the tool runs.
const instantWithZone =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether the text's calendar day exists: `Date.parse` rolls 31 February over into March. */
function realDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= last;
}

/**
 * The clock every command takes its time from: the machine's, or, when `CDR_NOW` holds an
 * instant, that instant at start and advancing in real time from there. It replays a sync
 * or a report as of another day (what `--from 7d` and retention windows mean then), and it
 * is how the tool's own tests run it on the test's clock rather than the machine's.
 */
export function clockOf(
  env: Readonly<Record<string, string | undefined>>,
  machineNow: () => number = Date.now,
): () => Date {
  const value = env[clockVariable]?.trim();
  if (!value) return () => new Date(machineNow());
  const instant = instantWithZone.test(value) && realDay(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant))
    throw new ClockSettingError(
      `${clockVariable} must be an instant with its zone, such as 2026-11-24T12:00:00+05:30 (got "${value.slice(0, 40)}")`,
    );
  const startedAt = machineNow();
  return () => new Date(instant + (machineNow() - startedAt));
}
