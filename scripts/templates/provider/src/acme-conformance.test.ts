import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createAcme } from './acme-provider.js';
import { AcmeSimulator } from './testing/acme-simulator.js';

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
      const simulator = await AcmeSimulator.start({ calls: 200 });
      return {
        createProvider: (options) =>
          createAcme({
            apiKey: options?.credentials === 'invalid' ? 'wrong-acme-key' : simulator.apiKey,
            baseUrl: simulator.url,
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
          }),
        secrets: [simulator.apiKey, 'wrong-acme-key'],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        stop: () => simulator.stop(),
        window: { from: new Date(simulator.now - 3 * 86_400_000), to: new Date(simulator.now) },
        expectedCallIds: (range) => simulator.calls(range).map((call) => call.id),
      };
    },
  },
);
