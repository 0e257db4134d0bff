/**
 * A clock that moves only when told. Code that reads the time takes a `now` function
 * (`createOzonetel({ now })`, the CLI's `io.now`); tests pass `clock.now`, so a decision that
 * depends on the time of day (Ozonetel's 00:00–03:00 IST store migration, "since the last
 * sync") is taken at the instant the test chose, whatever the machine's clock says.
 */
export class ManualClock {
  #epochMs: number;

  constructor(start: Date | number) {
    this.#epochMs = ManualClock.#toEpochMs(start);
  }

  /** The current instant, as a new Date (bound: pass `clock.now` as a function). */
  readonly now = (): Date => new Date(this.#epochMs);

  /** The current instant in epoch milliseconds (bound). */
  readonly epochMs = (): number => this.#epochMs;

  /** Moves the clock to an instant, forwards or back. */
  set(instant: Date | number): void {
    this.#epochMs = ManualClock.#toEpochMs(instant);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advance takes a non-negative number, got ${ms}`);
    this.#epochMs += ms;
  }

  static #toEpochMs(instant: Date | number): number {
    const epochMs = typeof instant === 'number' ? instant : instant.getTime();
    if (!Number.isFinite(epochMs)) throw new RangeError('a ManualClock needs a valid instant');
    return epochMs;
  }
}
