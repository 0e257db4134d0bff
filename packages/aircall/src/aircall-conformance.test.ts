import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createAircall } from './aircall-provider.js';
import { AircallSimulator } from './testing/aircall-simulator.js';

// The data set ends here: a fixed instant, and the provider's clock (its retention check) is
// set to it, so no check depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');
// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongToken = 'wrong"aircall\\token';

for (const credentials of ['api-key', 'access-token'] as const) {
  runCallProviderConformance(
    { describe, test },
    {
      name: `aircall (${credentials})`,
      capabilities: {
        listCalls: {
          directions: ['inbound', 'outbound', 'unknown'],
          statuses: ['answered', 'missed', 'unknown'],
          retentionDays: 180,
        },
        getCall: true,
      },
      async start(): Promise<ConformanceSession> {
        const simulator = await AircallSimulator.start({
          calls: 300,
          now: testNow,
          clock: () => testNow,
        });
        const valid = credentials === 'api-key' ? simulator.apiToken : simulator.accessToken;
        const known = simulator.calls().map((call) => call.id);
        const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
        return {
          createProvider: (options) => {
            const secret = options?.credentials === 'invalid' ? wrongToken : valid;
            return createAircall({
              ...(credentials === 'api-key'
                ? { apiId: simulator.apiId, apiToken: secret }
                : { accessToken: secret }),
              baseUrl: simulator.url,
              pageSize: 20,
              rateLimit: false,
              now: () => new Date(testNow),
              transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
            });
          },
          secrets: [simulator.apiToken, simulator.accessToken, wrongToken],
          validSecrets: [valid],
          requestCount: () => simulator.requestCount,
          injectFault: (fault, count) => simulator.injectFault(fault, count),
          producedFaults: () => simulator.faults.produced,
          echoInRecords: (text) => simulator.echoInRecords(text),
          corruptRecord: () => {
            // An end before its start: a record no Call can hold.
            const ids = simulator.calls(window).map((call) => call.id);
            const id = ids[Math.floor(ids.length / 2)]!;
            simulator.corruptRecord(id, { status: 'done', ended_at: 978_307_200 });
            return id;
          },
          stop: () => simulator.stop(),
          window,
          expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
          knownCallIds: [known[0]!, known[known.length - 1]!],
          unknownCallId: '1',
        };
      },
    },
  );
}
