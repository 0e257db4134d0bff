import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createPlivo } from './plivo-provider.js';
import { PlivoSimulator } from './testing/plivo-simulator.js';

// The data set ends here: a fixed instant, so no check depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');
// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongToken = 'wrong"plivo\\token';

runCallProviderConformance(
  { describe, test },
  {
    name: 'plivo',
    capabilities: {
      listCalls: {
        directions: ['inbound', 'outbound', 'unknown'],
        statuses: ['answered', 'missed', 'busy', 'failed'],
        retentionDays: 90,
      },
      getCall: true,
    },
    async start(): Promise<ConformanceSession> {
      const simulator = await PlivoSimulator.start({ calls: 300, now: testNow });
      const known = simulator.calls().map((call) => call.id);
      const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
      return {
        createProvider: (options) =>
          createPlivo({
            authId: simulator.authId,
            authToken: options?.credentials === 'invalid' ? wrongToken : simulator.authToken,
            baseUrl: simulator.url,
            // The simulator's clock: retention is counted from it, not the machine's.
            now: () => new Date(testNow),
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
          }),
        secrets: [simulator.authToken, wrongToken],
        validSecrets: [simulator.authToken],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        corruptRecord: () => {
          // An end before its start: a record no Call can hold.
          const ids = simulator.calls(window).map((call) => call.id);
          const id = ids[Math.floor(ids.length / 2)]!;
          simulator.corruptRecord(id, { end_time: '2001-01-01 00:00:00+05:30' });
          return id;
        },
        stop: () => simulator.stop(),
        window,
        expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
        knownCallIds: [known[0]!, known[known.length - 1]!],
        unknownCallId: '00000000-0000-4000-a000-000000000000',
      };
    },
  },
);
