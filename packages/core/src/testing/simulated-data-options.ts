/**
 * The options every simulator's seeded data set takes, in one shape: the same seed and
 * options give the same calls, and `now` is epoch ms everywhere (what the descriptors'
 * `simulate()` and the tests pass: `clock.epochMs()`, `now.getTime()`).
 */
export interface SimulatedDataOptions {
  /** The seed of the data set. */
  seed?: number;
  /** How many calls. */
  calls?: number;
  /** Spread over this many days before `now`. */
  days?: number;
  /** The end of the data set (and the simulator's clock where it has one), epoch ms. Default: the start of the current UTC hour. */
  now?: number;
}

/**
 * The end of a data set, epoch ms: `now` as given, or the start of the current UTC hour (a
 * simulator started without a clock, as a person does by hand). A `Date` — the shape some
 * simulators took before — is refused with the way to pass it.
 */
export function simulatedDataEnd(simulator: string, now: number | undefined): number {
  const given: unknown = now;
  if (given instanceof Date)
    throw new TypeError(
      `${simulator}: \`now\` is epoch ms, as every simulator's: pass \`now.getTime()\` instead of a Date`,
    );
  if (given !== undefined && (typeof given !== 'number' || !Number.isFinite(given)))
    throw new TypeError(`${simulator}: \`now\` must be epoch ms (a finite number)`);
  return now ?? Math.floor(Date.now() / 3_600_000) * 3_600_000;
}
