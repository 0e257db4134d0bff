// Aircall for B13: `GET /v1/calls` by `started_at`, pages of 50 by number, no query deeper
// than 10,000 records (so a larger window is cut in time slices), and the company's budget
// of 60 requests a minute (the lower of the two published figures) with the minute
// compressed on both sides, the client's margin scaled with it (as B10 does for Exotel).
// Aircall publishes no Node SDK: B14 has no Aircall row.
import { aircallDefaultRateLimit, aircallMaxPageSize, createAircall } from '@cdr/aircall';
import { RateLimiter } from '@cdr/core';
import {
  benchmarkLatencyMs,
  type ListingWorkload,
  ourListing,
  truthOf,
} from './listing-workload.ts';
import { startProviderSimulatorThread } from './provider-simulator-thread.ts';

const dayMs = 86_400_000;
/** The client's margin on a real minute (aircall-provider.ts). */
const marginPerMinuteMs = 1000;

export async function aircallWorkload(calls: number, minuteMs: number): Promise<ListingWorkload> {
  const now = Date.parse('2026-11-24T06:00:00Z');
  const days = 6;
  const budget = { limit: aircallDefaultRateLimit.limit, intervalMs: minuteMs };
  const margin = Math.max(10, Math.ceil((minuteMs * marginPerMinuteMs) / 60_000));
  // The simulator's clock and the client's run on from the data set's end, in step: the
  // budget's reset header is an instant, read by the client against its own clock.
  const clockOffsetMs = now - Date.now();
  const clock = () => new Date(Date.now() + clockOffsetMs);
  const simulator = await startProviderSimulatorThread({
    provider: 'aircall',
    options: { calls, days, now, seed: 25, latencyMs: benchmarkLatencyMs, rateLimit: budget },
    clockOffsetMs,
  });
  const { apiId, apiToken } = simulator.credentials as { apiId: string; apiToken: string };
  const window = { from: new Date(now - days * dayMs), to: new Date(now) };
  const truth = await truthOf(simulator, window, calls * 0.99);
  return {
    provider: 'Aircall',
    calls: truth.length,
    latencyMs: benchmarkLatencyMs,
    pageSize: aircallMaxPageSize,
    concurrency: 4,
    budget,
    budgetLabel: `60 requests / min (documented), the minute compressed to ${minuteMs} ms, client margin ${margin} ms`,
    shape: 'pages of 50 by number, queries cut below the 10,000-record depth cap',
    ours: ourListing(simulator, truth, window, () =>
      createAircall({
        apiId,
        apiToken,
        baseUrl: simulator.url,
        now: clock,
        // A fresh limiter per run: each run starts with the company's whole budget.
        rateLimit: new RateLimiter({ ...budget, safetyMarginMs: margin }),
      }),
    ),
    sdk: undefined,
    stop: () => simulator.stop(),
  };
}
