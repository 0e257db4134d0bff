import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createPlivo } from './plivo-provider.js';
import { PlivoSimulator } from './testing/plivo-simulator.js';

// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongKey = 'wrong"plivo\\key';

// The core conformance kit against the simulator: it fails until the provider, its mapping
// and the simulator are implemented, and passes when the provider keeps the contract.
runCallProviderConformance(
  { describe, test },
  {
    name: 'plivo',
    // TODO(plivo): the capabilities the provider declares.
    capabilities: {
      listCalls: { directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
      getCall: false,
    },
    async start(): Promise<ConformanceSession> {
      // A fixed end for the data set: no check depends on the machine's clock.
      const simulator = await PlivoSimulator.start({
        calls: 200,
        now: Date.parse('2026-11-24T06:30:00Z'),
      });
      return {
        createProvider: (options) =>
          createPlivo({
            apiKey: options?.credentials === 'invalid' ? wrongKey : simulator.apiKey,
            baseUrl: simulator.url,
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
          }),
        secrets: [simulator.apiKey, wrongKey],
        validSecrets: [simulator.apiKey],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        stop: () => simulator.stop(),
        window: { from: new Date(simulator.now - 3 * 86_400_000), to: new Date(simulator.now) },
        expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
      };
    },
  },
);
