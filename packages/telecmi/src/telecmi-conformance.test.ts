import type { CallDirection, CallStatus } from '@cdr/core';
import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import type { TelecmiCredentials } from './telecmi-credentials.js';
import type { TelecmiCredentialKind } from './telecmi-endpoints.js';
import { createTelecmi } from './telecmi-provider.js';
import { TelecmiSimulator } from './testing/telecmi-simulator.js';

// The data sets end here: a fixed instant, so no test depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');
// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongSecret = 'wrong"secret\\value';

const kinds: {
  kind: TelecmiCredentialKind;
  directions: CallDirection[];
  statuses: CallStatus[];
}[] = [
  { kind: 'rest-user', directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
  { kind: 'rest-app', directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
  { kind: 'piopiy-app', directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
  { kind: 'piopiy-agent', directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
];

for (const { kind, directions, statuses } of kinds) {
  runCallProviderConformance(
    { describe, test },
    {
      name: `telecmi (${kind})`,
      capabilities: { listCalls: { directions, statuses }, getCall: false },
      async start(): Promise<ConformanceSession> {
        // Agents see a quarter of one account's calls: more calls keep their window full.
        const simulator = await TelecmiSimulator.start({
          now: testNow,
          calls: kind === 'piopiy-agent' ? 1600 : 400,
        });
        const window = {
          from: new Date(simulator.dataSet.now - 3 * 86_400_000),
          to: new Date(simulator.dataSet.now),
        };
        const valid = simulator.credentials[kind];
        const invalid: TelecmiCredentials =
          'appId' in valid
            ? { ...valid, appSecret: wrongSecret }
            : ({ kind, token: wrongSecret } as TelecmiCredentials);
        const { rest, piopiy } = simulator.accounts;
        return {
          createProvider: (options) =>
            createTelecmi({
              credentials: options?.credentials === 'invalid' ? invalid : valid,
              baseUrls: simulator.baseUrls,
              transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
            }),
          secrets: [
            wrongSecret,
            rest.userToken,
            rest.appSecret,
            piopiy.appSecret,
            ...piopiy.agents.map((agent) => agent.token),
          ],
          validSecrets: ['appSecret' in valid ? valid.appSecret : valid.token],
          requestCount: () => simulator.requestCount,
          injectFault: (fault, count) => simulator.injectFault(fault, count),
          producedFaults: () => simulator.faults.produced,
          echoInRecords: (text) => simulator.echoInRecords(text),
          corruptRecord: () => {
            // A billed time of three years: a duration no Call can hold.
            const ids = simulator.calls(kind, window).map((call) => call.id);
            const id = ids[Math.floor(ids.length / 2)]!;
            simulator.corruptRecord(id, { billedsec: 99_999_999 });
            return id;
          },
          stop: () => simulator.stop(),
          window,
          expectedCallIds: (range, filter) =>
            simulator.calls(kind, range, filter).map((call) => call.id),
        };
      },
    },
  );
}
