import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import { createTwilio } from './twilio-provider.js';

// The data set ends here: a fixed instant, so no check depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');
// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongToken = 'wrong"twilio\\token';

for (const credentials of ['auth-token', 'api-key'] as const) {
  runCallProviderConformance(
    { describe, test },
    {
      name: `twilio (${credentials})`,
      capabilities: {
        listCalls: {
          directions: ['inbound', 'outbound', 'unknown'],
          statuses: ['answered', 'missed', 'busy', 'failed', 'unknown'],
        },
        getCall: true,
      },
      async start(): Promise<ConformanceSession> {
        const simulator = await TwilioSimulator.start({ calls: 300, now: testNow });
        const valid = simulator[credentials === 'auth-token' ? 'authToken' : 'apiSecret'];
        const known = simulator.calls().map((call) => call.id);
        const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
        return {
          createProvider: (options) => {
            const secret = options?.credentials === 'invalid' ? wrongToken : valid;
            return createTwilio({
              accountSid: simulator.accountSid,
              ...(credentials === 'auth-token'
                ? { authToken: secret }
                : { apiKey: simulator.apiKey, apiSecret: secret }),
              baseUrl: simulator.url,
              pageSize: 20,
              transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
            });
          },
          secrets: [simulator.authToken, simulator.apiSecret, wrongToken],
          validSecrets: [valid],
          requestCount: () => simulator.requestCount,
          injectFault: (fault, count) => simulator.injectFault(fault, count),
          producedFaults: () => simulator.faults.produced,
          echoInRecords: (text) => simulator.echoInRecords(text),
          corruptRecord: () => {
            // An end before its start: a record no Call can hold.
            const ids = simulator.calls(window).map((call) => call.id);
            const id = ids[Math.floor(ids.length / 2)]!;
            simulator.corruptRecord(id, { end_time: 'Mon, 01 Jan 2001 00:00:00 +0000' });
            return id;
          },
          stop: () => simulator.stop(),
          window,
          expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
          knownCallIds: [known[0]!, known[known.length - 1]!],
          unknownCallId: `CA${'0'.repeat(32)}`,
        };
      },
    },
  );
}
