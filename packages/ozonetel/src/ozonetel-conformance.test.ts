import { runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createOzonetel } from './ozonetel-provider.js';
import { OzonetelSimulator } from './testing/ozonetel-simulator.js';

// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const invalidKey = 'KK"invalid\\key-000';

runCallProviderConformance(
  { describe, test },
  {
    name: 'ozonetel (lookup by UCID)',
    capabilities: { listCalls: false, getCall: true },
    async start() {
      // Noon IST: outside the 00:00–03:00 migration, when an unknown UCID is simply absent.
      // (At 00:30 IST the same lookup is, rightly, "not available yet": see ozonetel.test.ts.)
      const simulator = await OzonetelSimulator.start({
        calls: 0,
        now: new Date('2026-11-24T12:00:00+05:30'),
      });
      const known = [1, 2, 3].map((hours) =>
        simulator.addCall(new Date(simulator.now().getTime() - hours * 3_600_000 - 86_400_000 * 2)),
      );
      return {
        createProvider: (options) =>
          createOzonetel({
            userName: simulator.userName,
            apiKey: options?.credentials === 'invalid' ? invalidKey : simulator.apiKey,
            baseUrl: simulator.url,
            now: () => simulator.now(),
            // A scaled-down budget: "max limit exceeded" is then waited out in one short window.
            rateLimit: { limit: 1000, intervalMs: 200 },
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 6 } },
          }),
        secrets: [simulator.apiKey, invalidKey],
        validSecrets: [simulator.apiKey],
        requestCount: () => simulator.requestCount,
        injectFault: (kind, count) => simulator.injectFault(kind, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        stop: () => simulator.stop(),
        knownCallIds: known.map((call) => call.ucid),
        unknownCallId: '999999999',
      };
    },
  },
);
