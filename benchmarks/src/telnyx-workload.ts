// Telnyx for B13 and B14: detail-record search (`GET /v2/detail_records`), one query per
// voice record type, pages of 50 by number; 10 requests a second (inferred: Telnyx
// publishes no number; the simulator's default). Our client against `telnyx`, Telnyx's
// official SDK, auto-paging `detailRecords.list` with its default retries.
import {
  createTelnyx,
  telnyxMaxPageSize,
  telnyxRateLimit,
  telnyxVoiceRecordTypes,
} from '@cdr/telnyx';
import Telnyx from 'telnyx';
import {
  benchmarkLatencyMs,
  type ListingWorkload,
  ourListing,
  timedListing,
  truthOf,
} from './listing-workload.ts';
import { startProviderSimulatorThread } from './provider-simulator-thread.ts';

const dayMs = 86_400_000;
const isoSecond = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export async function telnyxWorkload(calls: number): Promise<ListingWorkload> {
  const now = Date.parse('2026-11-24T06:30:00Z');
  const days = 3;
  const simulator = await startProviderSimulatorThread({
    provider: 'telnyx',
    options: { calls, days, now, seed: 25, latencyMs: benchmarkLatencyMs },
  });
  const { apiKey } = simulator.credentials as { apiKey: string };
  const window = { from: new Date(now - days * dayMs), to: new Date(now) };
  const truth = await truthOf(simulator, window, calls * 0.99);

  const sdkRun = () =>
    timedListing(simulator, truth, 'the telnyx SDK', async (add) => {
      const client = new Telnyx({ apiKey, baseURL: `${simulator.url}/v2` });
      for (const recordType of telnyxVoiceRecordTypes) {
        // As our client asks: [gte] inclusive, [lt] exclusive, whole seconds.
        const pages = client.detailRecords.list({
          filter: {
            record_type: recordType,
            started_at: {
              gte: isoSecond(window.from.getTime()),
              lt: isoSecond(window.to.getTime() + 1000),
            },
          },
          'page[size]': telnyxMaxPageSize,
          sort: ['started_at'],
        });
        for await (const record of pages) add((record as unknown as { id: string }).id);
      }
    });

  return {
    provider: 'Telnyx',
    calls: truth.length,
    latencyMs: benchmarkLatencyMs,
    pageSize: telnyxMaxPageSize,
    concurrency: 4,
    budget: telnyxRateLimit,
    budgetLabel: '10 requests / s (inferred default)',
    shape: `detail records, ${telnyxVoiceRecordTypes.length} record types, pages of 50 by number`,
    ours: ourListing(simulator, truth, window, () =>
      createTelnyx({ apiKey, baseUrl: simulator.url, now: () => new Date(now) }),
    ),
    sdk: {
      name: '`telnyx` detailRecords.list, auto-paged',
      pageSize: telnyxMaxPageSize,
      run: sdkRun,
    },
    stop: () => simulator.stop(),
  };
}
