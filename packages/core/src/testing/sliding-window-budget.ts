/** A budget as providers document them: at most `limit` requests in any `intervalMs`. */
export interface RequestBudget {
  limit: number;
  intervalMs: number;
}

/**
 * A provider's request budget as a sliding window: a request is granted when fewer than
 * `limit` were granted in the `intervalMs` before it. It runs on real time (`Date.now` by
 * default) because the clients' own rate limiters do: a simulated clock would drift from
 * theirs. Refused requests are counted, not granted.
 */
export class SlidingWindowBudget {
  readonly limit: number;
  readonly intervalMs: number;
  /** Requests refused so far. */
  refused = 0;
  #granted: number[] = [];
  readonly #clock: () => number;

  constructor(budget: RequestBudget, clock: () => number = Date.now) {
    this.limit = budget.limit;
    this.intervalMs = budget.intervalMs;
    this.#clock = clock;
  }

  /** Grants a request if the window has room (and counts it), or refuses it. */
  take(): boolean {
    const now = this.#clock();
    this.#forgetBefore(now);
    if (this.#granted.length >= this.limit) {
      this.refused++;
      return false;
    }
    this.#granted.push(now);
    return true;
  }

  /** Requests the window still has room for now. */
  remaining(): number {
    this.#forgetBefore(this.#clock());
    return Math.max(0, this.limit - this.#granted.length);
  }

  /** When the oldest grant of the window leaves it (epoch ms); now when none is in it. */
  resetsAt(): number {
    const now = this.#clock();
    this.#forgetBefore(now);
    const oldest = this.#granted[0];
    return oldest === undefined ? now : oldest + this.intervalMs;
  }

  #forgetBefore(now: number): void {
    const start = now - this.intervalMs;
    let expired = 0;
    while (expired < this.#granted.length && this.#granted[expired]! <= start) expired++;
    if (expired > 0) this.#granted = this.#granted.slice(expired);
  }
}
