import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { VonageSimulator } from './testing/vonage-simulator.js';
import { unknownVonagePrivateKey } from './testing/vonage-test-keys.js';
import { createVonage } from './vonage-provider.js';

// The data set ends here, and the provider's clock with it: no check depends on the
// machine's clock (the retention check reads the injected one).
const testNow = Date.parse('2026-11-24T06:30:00Z');
// The private key never travels (each request carries a JWT it signed, which the token
// manager redacts); awkward on purpose all the same, as the kit asks.
const wrongKey = unknownVonagePrivateKey('wrong"vonage\\key\n');

runCallProviderConformance(
  { describe, test },
  {
    name: 'vonage',
    capabilities: {
      listCalls: {
        directions: ['inbound', 'outbound', 'unknown'],
        statuses: ['answered', 'missed', 'busy', 'failed', 'unknown'],
        retentionDays: 2,
      },
      getCall: true,
    },
    async start(): Promise<ConformanceSession> {
      const simulator = await VonageSimulator.start({ calls: 300, now: testNow });
      const known = simulator.calls().map((call) => call.id);
      const window = { from: new Date(testNow - 2 * 86_400_000 + 60_000), to: new Date(testNow) };
      return {
        createProvider: (options) =>
          createVonage({
            applicationId: simulator.applicationId,
            privateKey: options?.credentials === 'invalid' ? wrongKey : simulator.privateKey,
            baseUrl: simulator.url,
            pageSize: 50,
            now: () => new Date(testNow),
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
          }),
        secrets: [simulator.privateKey, wrongKey],
        validSecrets: [simulator.privateKey],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        corruptRecord: () => {
          // An end before its start: a leg no Call can hold.
          const ids = simulator.calls(window).map((call) => call.id);
          const id = ids[Math.floor(ids.length / 2)]!;
          simulator.corruptRecord(id, { end_time: '2001-01-01T00:00:00.000Z' });
          return id;
        },
        stop: () => simulator.stop(),
        window,
        expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
        knownCallIds: [known[0]!, known[known.length - 1]!],
        unknownCallId: '00000000-0000-4000-8000-000000000000',
      };
    },
  },
);
