import { runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createOzonetel } from './ozonetel-provider.js';
import { OzonetelSimulator } from './testing/ozonetel-simulator.js';

runCallProviderConformance(
  { describe, test },
  {
    name: 'ozonetel (lookup by UCID)',
    capabilities: { listCalls: false, getCall: true },
    async start() {
      const simulator = await OzonetelSimulator.start({ calls: 0 });
      const known = [1, 2, 3].map((hours) =>
        simulator.addCall(new Date(simulator.now().getTime() - hours * 3_600_000 - 86_400_000 * 2)),
      );
      return {
        createProvider: (options) =>
          createOzonetel({
            userName: simulator.userName,
            apiKey: options?.credentials === 'invalid' ? 'invalid-api-key-000' : simulator.apiKey,
            baseUrl: simulator.url,
            now: () => simulator.now(),
            // A scaled-down budget: "max limit exceeded" is then waited out in one short window.
            rateLimit: { limit: 1000, intervalMs: 200 },
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 6 } },
          }),
        secrets: [simulator.apiKey, 'invalid-api-key-000'],
        requestCount: () => simulator.requestCount,
        injectFault: (kind, count) => simulator.injectFault(kind, count),
        stop: () => simulator.stop(),
        knownCallIds: known.map((call) => call.ucid),
        unknownCallId: '999999999',
      };
    },
  },
);
