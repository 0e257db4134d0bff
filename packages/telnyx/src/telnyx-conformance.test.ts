import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createTelnyx } from './telnyx-provider.js';
import { TelnyxSimulator } from './testing/telnyx-simulator.js';

// The data set ends here: a fixed instant, so no check depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');
// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongKey = 'wrong"telnyx\\key';

runCallProviderConformance(
  { describe, test },
  {
    name: 'telnyx',
    capabilities: {
      listCalls: {
        directions: ['inbound', 'outbound', 'unknown'],
        statuses: ['answered', 'missed', 'failed', 'unknown'],
      },
      getCall: true,
    },
    async start(): Promise<ConformanceSession> {
      // No budget here: the kit's checks count requests, not time (the budget has its own tests).
      const simulator = await TelnyxSimulator.start({ calls: 300, now: testNow, rateLimit: false });
      const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
      const known = simulator.calls().map((call) => call.id);
      return {
        createProvider: (options) =>
          createTelnyx({
            apiKey: options?.credentials === 'invalid' ? wrongKey : simulator.apiKey,
            baseUrl: simulator.url,
            pageSize: 20,
            rateLimit: false,
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
          }),
        secrets: [simulator.apiKey, wrongKey],
        validSecrets: [simulator.apiKey],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        corruptRecord: () => {
          // An end before its start: a record no Call can hold.
          const ids = simulator.calls(window).map((call) => call.id);
          const id = ids[Math.floor(ids.length / 2)]!;
          simulator.corruptRecord(id, { finished_at: '2001-01-01T00:00:00Z' });
          return id;
        },
        stop: () => simulator.stop(),
        window,
        expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
        knownCallIds: [known[0]!, known[known.length - 1]!],
        unknownCallId: '00000000-0000-1000-8000-000000000000',
      };
    },
  },
);
