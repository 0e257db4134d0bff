import type { ConformanceSession } from '@cdr/core/testing';
import { runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createTelecmi } from './telecmi-provider.js';
import { TelecmiSimulator } from './testing/telecmi-simulator.js';

// The data sets end here: a fixed instant, so no test depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');

const kinds = [
  { kind: 'user', statuses: ['answered', 'missed'] },
  { kind: 'app', statuses: ['missed'] },
  { kind: 'agent', statuses: ['missed'] },
] as const;

for (const { kind, statuses } of kinds) {
  runCallProviderConformance(
    { describe, test },
    {
      name: `telecmi (${kind})`,
      capabilities: {
        listCalls: { directions: ['outbound'], statuses: [...statuses] },
        getCall: false,
      },
      async start(): Promise<ConformanceSession> {
        const simulator = await TelecmiSimulator.start({
          now: testNow,
          calls: kind === 'agent' ? 600 : 200,
        });
        const window = {
          from: new Date(simulator.dataSet.now - 3 * 86_400_000),
          to: new Date(simulator.dataSet.now),
        };
        const valid = simulator.credentials[kind];
        const invalid =
          kind === 'app'
            ? { kind, appId: valid.kind === 'app' ? valid.appId : 1, appSecret: 'wrong-app-secret' }
            : { kind, token: 'wrong-token-value' };
        return {
          createProvider: (options) =>
            createTelecmi({
              credentials: options?.credentials === 'invalid' ? invalid : valid,
              baseUrls: simulator.baseUrls,
              transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
            }),
          secrets: [
            'wrong-app-secret',
            'wrong-token-value',
            simulator.accounts.userToken,
            simulator.accounts.appSecret,
            ...simulator.accounts.agents.map((agent) => agent.token),
          ],
          requestCount: () => simulator.requestCount,
          injectFault: (fault, count) => simulator.injectFault(fault, count),
          stop: () => simulator.stop(),
          window,
          expectedCallIds: (range) => simulator.calls(kind, range).map((call) => call.id),
        };
      },
    },
  );
}
