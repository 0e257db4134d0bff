// The zone times are shown and typed in: `--tz`, else `CDR_TZ`, else the machine's (read once
// by main.ts, as the clock is, and injected: tests run the CLI in any zone without TZ).
import { formatZonedDateTime } from '@cdr/core/time';
import { UsageError } from './usage-error.ts';

/** The variable that sets the zone when `--tz` is not given. */
export const timeZoneVariable = 'CDR_TZ';

/** India's zone: the tool's zone before it took one, and its zone when nothing says another. */
export const indiaTimeZone = 'Asia/Kolkata';

/** The zone chosen, and what chose it: a per-account zone gives way only to `--tz`. */
export interface ChosenTimeZone {
  name: string;
  source: 'flag' | 'environment' | 'machine';
}

/** Whether the runtime's time-zone data knows `name` (an IANA name such as `Europe/Berlin`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const zoneHint = 'give an IANA time zone such as Asia/Kolkata, America/New_York or UTC';

/** `--tz`'s value in `argv` (`--tz X` or `--tz=X`, the last one wins), before commander runs. */
function flagValue(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--') break;
    if (argument === '--tz') value = argv[++index] ?? '';
    else if (argument.startsWith('--tz=')) value = argument.slice('--tz='.length);
  }
  return value;
}

/**
 * The zone of this run. Read before the command line is parsed, because `--from` and `--to`
 * are read in it as they are parsed; a zone that is none is one line naming where it came from.
 */
export function chooseTimeZone(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  machineTimeZone: string | (() => string) | undefined,
): ChosenTimeZone {
  const flag = flagValue(argv);
  if (flag !== undefined) {
    if (!isTimeZone(flag))
      throw new UsageError(`--tz "${flag.slice(0, 60)}" is not a time zone: ${zoneHint}`);
    return { name: flag, source: 'flag' };
  }
  const variable = env[timeZoneVariable]?.trim();
  if (variable) {
    if (!isTimeZone(variable))
      throw new UsageError(
        `${timeZoneVariable} "${variable.slice(0, 60)}" is not a time zone: ${zoneHint}`,
      );
    return { name: variable, source: 'environment' };
  }
  // Asked of the runtime when a time is first shown or typed, not before: resolving the
  // machine's zone loads ICU's zone data, a good part of a command's start, and a command
  // may show no time at all (`calls --json`).
  let machine: string | undefined;
  return {
    source: 'machine',
    get name() {
      if (machine === undefined) {
        const given = typeof machineTimeZone === 'function' ? machineTimeZone() : machineTimeZone;
        machine = given && isTimeZone(given) ? given : indiaTimeZone;
      }
      return machine;
    },
  };
}

/** How a table header or a line names the zone: `IST` for India (as before), else its name. */
export function zoneLabel(timeZone: string): string {
  return timeZone === indiaTimeZone ? 'IST' : timeZone;
}

/** The machine's zone, as the runtime resolves it (`TZ`, else the system's). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An instant to the minute in `timeZone`, with the zone named: `2026-11-24 12:00 IST`. */
export function formatShownMinute(instant: Date, timeZone: string): string {
  return `${formatZonedDateTime(instant, timeZone).slice(0, 16)} ${zoneLabel(timeZone)}`;
}
