// Plivo for B13 and B14: offset/`meta.next` paging of 20 records over an `end_time` window,
// 300 requests in any 5 s (the simulator's default, as documented); our client against
// `plivo`, Plivo's official SDK, paging by offset as its README shows.
import { createRequire } from 'node:module';
import { createPlivo, plivoMaxPageSize, plivoRateLimit } from '@cdr/plivo';
import {
  benchmarkLatencyMs,
  type ListingWorkload,
  ourListing,
  timedListing,
  truthOf,
} from './listing-workload.ts';
import { startProviderSimulatorThread } from './provider-simulator-thread.ts';

/** The part of the SDK used here (it is CommonJS, loaded with `require`). */
interface PlivoSdk {
  Client: new (
    authId: string,
    authToken: string,
  ) => {
    calls: {
      list(
        params: Record<string, string | number>,
      ): Promise<{ callUuid: string }[] & { meta: { next: string | null } }>;
    };
  };
}
interface AxiosDefaults {
  defaults: { adapter: unknown };
  getAdapter(name: string): (config: { url: string }) => Promise<unknown>;
}

const require = createRequire(import.meta.url);
const plivoSdk = require('plivo') as PlivoSdk;
// The axios copy the SDK loads, resolved from the SDK's own folder.
const axios = createRequire(require.resolve('plivo'))('axios') as AxiosDefaults;
const dayMs = 86_400_000;
const plivoTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export async function plivoWorkload(calls: number): Promise<ListingWorkload> {
  const now = Date.parse('2026-11-24T06:00:00Z');
  const days = 3;
  const simulator = await startProviderSimulatorThread({
    provider: 'plivo',
    options: { calls, days, now, seed: 25, latencyMs: benchmarkLatencyMs },
  });
  const { authId, authToken } = simulator.credentials as { authId: string; authToken: string };
  const window = { from: new Date(now - days * dayMs), to: new Date(now) };
  const truth = await truthOf(simulator, window, calls);

  // The SDK sends voice requests to the hard-coded https://api.plivo.com (its
  // `dist/rest/axios.js`): the axios adapter it inherits is swapped for one that sends the
  // same request to the simulator, as plivo-sdk-fidelity.test.ts does.
  const savedAdapter = axios.defaults.adapter;
  const http = axios.getAdapter('http');
  axios.defaults.adapter = (config: { url: string }) =>
    http({ ...config, url: config.url.replace(/^https:\/\/api\.plivo\.com/, simulator.url) });
  const sdkRun = () =>
    timedListing(simulator, truth, 'the plivo SDK', async (add) => {
      const client = new plivoSdk.Client(authId, authToken);
      // Every call of the data set ends inside the window: its end_time bounds are the window's.
      const bounds = {
        end_time__gte: plivoTime(now - days * dayMs),
        end_time__lte: plivoTime(now),
      };
      for (let offset = 0; ; offset += plivoMaxPageSize) {
        const page = await client.calls.list({ ...bounds, limit: plivoMaxPageSize, offset });
        for (const record of page) add(record.callUuid);
        if (page.meta.next === null) return;
      }
    });

  return {
    provider: 'Plivo',
    calls,
    latencyMs: benchmarkLatencyMs,
    pageSize: plivoMaxPageSize,
    concurrency: 4,
    budget: plivoRateLimit,
    budgetLabel: '300 requests / 5 s (documented)',
    shape: 'offset paging by meta.next, pages of 20, time slices',
    ours: ourListing(simulator, truth, window, () =>
      createPlivo({ authId, authToken, baseUrl: simulator.url, now: () => new Date(now) }),
    ),
    sdk: { name: '`plivo` calls.list by offset', pageSize: plivoMaxPageSize, run: sdkRun },
    async stop() {
      axios.defaults.adapter = savedAdapter;
      await simulator.stop();
    },
  };
}
