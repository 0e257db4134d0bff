// India keeps one offset all year (+05:30, no daylight saving): an IST day is a fixed span of
// epoch milliseconds, so the days a range covers whole are plain arithmetic.
const istOffsetMs = 19_800_000;
const dayMs = 86_400_000;

/** `YYYY-MM-DD`, the IST day an instant falls in (as `ist_day` stores it). */
export function istDayOf(ms: number): string {
  return new Date(ms + istOffsetMs).toISOString().slice(0, 10);
}

/** The first millisecond of an IST day. */
export function istDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - istOffsetMs;
}

/** Inclusive bounds in epoch milliseconds. */
export interface MsRange {
  from: number;
  to: number;
}

/**
 * How a report's range splits: the IST days it covers whole (kept as per-day rollups; a
 * missing bound is open) and the partial days at its edges, read from the calls themselves.
 * `days` is `null` when no day is covered whole.
 */
export interface IstDaySplit {
  days: { first: string | undefined; last: string | undefined } | null;
  edges: MsRange[];
}

/** Splits `[from, to]` (both inclusive, either open) into whole IST days and partial edges. */
export function splitIntoIstDays(from: Date | undefined, to: Date | undefined): IstDaySplit {
  const fromMs = from?.getTime();
  const toMs = to?.getTime();
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) return { days: null, edges: [] };
  let first: string | undefined;
  let lower: MsRange | undefined;
  if (fromMs !== undefined) {
    const start = istDayStart(istDayOf(fromMs));
    const next = start === fromMs ? start : start + dayMs;
    first = istDayOf(next);
    if (next !== fromMs) lower = { from: fromMs, to: next - 1 };
  }
  let last: string | undefined;
  let upper: MsRange | undefined;
  if (toMs !== undefined) {
    const start = istDayStart(istDayOf(toMs));
    const whole = toMs === start + dayMs - 1;
    last = istDayOf(whole ? start : start - dayMs);
    if (!whole) upper = { from: start, to: toMs };
  }
  if (first !== undefined && last !== undefined && first > last) {
    // No day inside the range is whole: the range itself is the one edge.
    return { days: null, edges: [{ from: fromMs!, to: toMs! }] };
  }
  return { days: { first, last }, edges: [lower, upper].filter((edge) => edge !== undefined) };
}
