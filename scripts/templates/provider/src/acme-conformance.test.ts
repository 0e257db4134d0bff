import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createAcme } from './acme-provider.js';
import { AcmeSimulator } from './testing/acme-simulator.js';

// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongKey = 'wrong"acme\\key';

// The core conformance kit against the simulator: it fails until the provider, its mapping
// and the simulator are implemented, and passes when the provider keeps the contract.
runCallProviderConformance(
  { describe, test },
  {
    name: 'acme',
    // TODO(acme): the capabilities the provider declares.
    capabilities: {
      listCalls: { directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
      getCall: false,
    },
    async start(): Promise<ConformanceSession> {
      // A fixed end for the data set: no check depends on the machine's clock.
      const simulator = await AcmeSimulator.start({
        calls: 200,
        now: Date.parse('2026-11-24T06:30:00Z'),
      });
      return {
        createProvider: (options) =>
          createAcme({
            apiKey: options?.credentials === 'invalid' ? wrongKey : simulator.apiKey,
            baseUrl: simulator.url,
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
          }),
        secrets: [simulator.apiKey, wrongKey],
        validSecrets: [simulator.apiKey],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        // TODO(acme): `corruptRecord`: have the simulator serve one call of the window as a
        // record no Call can hold (`simulator.corruptRecord(id, { … })`, applied where it
        // writes records with `this.corruptionOf(id)`) and return its id.
        stop: () => simulator.stop(),
        window: { from: new Date(simulator.now - 3 * 86_400_000), to: new Date(simulator.now) },
        expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
      };
    },
  },
);
