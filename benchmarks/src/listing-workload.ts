// What B13 (a provider's listing against the floor its limits set) and B14 (our listing
// against the official SDK's) share: a provider's simulator on its own thread, one window
// of it, and contenders that list that window and are checked to yield exactly the
// simulator's ids, with the requests and 429s each one cost.
import type { CallProvider } from '@cdr/core';
import { check, timed } from './harness.ts';
import type { ProviderSimulatorThread } from './provider-simulator-thread.ts';

export interface ListingRun {
  ms: number;
  /** Requests the simulator answered during the run. */
  requests: number;
  /** 429s it answered for its budget during the run. */
  rateLimited: number;
}

/** A provider's documented budget: `limit` requests in any `intervalMs`. */
export interface Budget {
  limit: number;
  intervalMs: number;
}

export interface ListingWorkload {
  provider: string;
  calls: number;
  latencyMs: number;
  /** Our client's page size and concurrency (its defaults unless the row says otherwise). */
  pageSize: number;
  concurrency: number;
  /** The budget the simulator enforces (as documented, or compressed: `budgetLabel` says). */
  budget: Budget | undefined;
  budgetLabel: string;
  /** How the window is listed, for the row (endpoints, paging, slicing). */
  shape: string;
  ours(): Promise<ListingRun>;
  /** The official SDK's own listing of the window; `undefined`: the provider ships none. */
  sdk: { name: string; pageSize: number; run(): Promise<ListingRun> } | undefined;
  stop(): Promise<void>;
}

export const benchmarkLatencyMs = 50;

/**
 * Waits until the simulator's budget window holds none of the previous run's requests: each
 * run's client starts with a fresh limiter, which believes the whole budget is free (without
 * the wait, every run after the first met 429s the first run never did).
 */
export async function budgetWindowPassed(workload: ListingWorkload): Promise<void> {
  if (!workload.budget) return;
  await new Promise((resolve) => setTimeout(resolve, workload.budget!.intervalMs + 100));
}

/**
 * Times one listing of the window: `list` hands each listed id to `add`; the ids must be
 * the simulator's, each once.
 */
export async function timedListing(
  simulator: ProviderSimulatorThread,
  truth: readonly string[],
  who: string,
  list: (add: (id: string) => void) => Promise<void>,
): Promise<ListingRun> {
  const ids: string[] = [];
  const before = await simulator.counters();
  const ms = await timed(() => list((id) => ids.push(id)));
  const after = await simulator.counters();
  check(ids.length === truth.length, `${who} listed ${ids.length} of ${truth.length} calls`);
  ids.sort();
  check(
    ids.every((id, index) => id === truth[index]),
    `${who} listed other ids than the simulator's`,
  );
  return {
    ms,
    requests: after.requests - before.requests,
    rateLimited: after.rateLimited - before.rateLimited,
  };
}

/** Our client's listing of the window, closed after the run. */
export function ourListing(
  simulator: ProviderSimulatorThread,
  truth: readonly string[],
  window: { from: Date; to: Date },
  create: () => CallProvider,
): () => Promise<ListingRun> {
  return async () => {
    const provider = create();
    try {
      return await timedListing(simulator, truth, 'our client', async (add) => {
        for await (const call of provider.listCalls(window)) add(call.id);
      });
    } finally {
      await provider.close?.();
    }
  };
}

/**
 * The simulator's ids of the window, sorted: at least `atLeast` (a window's edge can leave
 * out a call or two of the data set, never more).
 */
export async function truthOf(
  simulator: ProviderSimulatorThread,
  window: { from: Date; to: Date },
  atLeast: number,
): Promise<string[]> {
  const truth = (await simulator.ids(window)).sort();
  check(truth.length >= atLeast, `the window holds ${truth.length} calls, not ${atLeast}`);
  return truth;
}

/**
 * The least time `requests` requests can take: no more than `concurrency` in flight, each
 * taking `rttMs`, and no more than the budget's `limit` started in any `intervalMs`. Work on
 * either side is taken as free. Each request starts as early as both allow (once the
 * request `concurrency` before it is answered, and an interval after the one `limit`
 * before it started): with equal round trips that greedy schedule is the least there is.
 */
export function listingFloorMs(
  requests: number,
  concurrency: number,
  rttMs: number,
  budget: Budget | undefined,
): number {
  const starts: number[] = [];
  for (let index = 0; index < requests; index++) {
    const laneFree = index >= concurrency ? starts[index - concurrency]! + rttMs : 0;
    const windowFree =
      budget && index >= budget.limit ? starts[index - budget.limit]! + budget.intervalMs : 0;
    starts.push(Math.max(laneFree, windowFree));
  }
  return requests === 0 ? 0 : starts[requests - 1]! + rttMs;
}
