// Vonage for B13 and B14: legs of `GET /v1/calls` by `record_index` following `_links.next`,
// pages of 100, 15 GET requests a second (the simulator's default, as Vonage support
// states); our client against `@vonage/voice`'s `getCallsPage` walked by `_links.next`
// (its `getAllCalls` cannot follow the relative links Vonage sends: see @cdr/vonage's README).
import { createVonage } from '@cdr/vonage';
import { Voice } from '@vonage/voice';
import { check } from './harness.ts';
import {
  benchmarkLatencyMs,
  type ListingWorkload,
  ourListing,
  timedListing,
  truthOf,
} from './listing-workload.ts';
import { startProviderSimulatorThread } from './provider-simulator-thread.ts';

const dayMs = 86_400_000;
const pageSize = 100;
const budget = { limit: 15, intervalMs: 1000 };
const utcSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const isRateLimited = (error: unknown) =>
  error instanceof Error && /status code 429/.test(error.message);

export async function vonageWorkload(calls: number): Promise<ListingWorkload> {
  const now = Date.parse('2026-11-24T06:30:00Z');
  const days = 2;
  const simulator = await startProviderSimulatorThread({
    provider: 'vonage',
    options: { calls, days, now, seed: 25, latencyMs: benchmarkLatencyMs },
  });
  const { applicationId, privateKey } = simulator.credentials as {
    applicationId: string;
    privateKey: string;
  };
  // Whole seconds inside the two days of leg persistence.
  const window = { from: new Date(now - days * dayMs + 60_000), to: new Date(now) };
  const truth = await truthOf(simulator, window, calls * 0.99);

  // What a user writes with the SDK: pages one after another, and a 429 (Vonage sends no
  // Retry-After) waited out for the budget's second before the same page is asked again.
  const sdkRun = () =>
    timedListing(simulator, truth, 'the @vonage/voice SDK', async (add) => {
      const voice = new Voice({ applicationId, privateKey }, { apiHost: simulator.url });
      let recordIndex = 0;
      for (;;) {
        let page: { _embedded: { calls: { uuid: string }[] }; _links: { next?: { href: string } } };
        try {
          page = (await voice.getCallsPage({
            dateStart: utcSeconds(window.from.getTime()),
            dateEnd: utcSeconds(window.to.getTime()),
            pageSize,
            order: 'asc',
            recordIndex,
          } as Parameters<Voice['getCallsPage']>[0])) as unknown as typeof page;
        } catch (error) {
          if (!isRateLimited(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, budget.intervalMs));
          continue;
        }
        for (const leg of page._embedded.calls) add(leg.uuid);
        const next = page._links.next?.href;
        if (next === undefined) return;
        const index = Number(new URL(next, simulator.url).searchParams.get('record_index'));
        check(index > recordIndex, 'the next link goes forward');
        recordIndex = index;
      }
    });

  return {
    provider: 'Vonage',
    calls: truth.length,
    latencyMs: benchmarkLatencyMs,
    pageSize,
    concurrency: 4,
    budget,
    budgetLabel: '15 requests / s (documented)',
    shape: 'record_index paging by _links.next, pages of 100, time slices, RS256 JWT',
    ours: ourListing(simulator, truth, window, () =>
      createVonage({ applicationId, privateKey, baseUrl: simulator.url, now: () => new Date(now) }),
    ),
    sdk: { name: '`@vonage/voice` getCallsPage by _links.next', pageSize, run: sdkRun },
    stop: () => simulator.stop(),
  };
}
