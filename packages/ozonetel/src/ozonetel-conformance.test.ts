import { runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createOzonetel } from './ozonetel-provider.js';
import { OzonetelSimulator } from './testing/ozonetel-simulator.js';

// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const invalidKey = 'KK"invalid\\key-000';
let nextSeed = 100;

runCallProviderConformance(
  { describe, test },
  {
    name: 'ozonetel (ca_reports listing, lookup by UCID)',
    capabilities: {
      listCalls: {
        directions: ['inbound', 'outbound'],
        statuses: ['answered', 'missed', 'busy', 'failed'],
        retentionDays: 15,
      },
      getCall: true,
    },
    async start() {
      // Noon IST: outside the 00:00–03:00 migration, when an unknown UCID is simply absent.
      // (At 00:30 IST the same lookup is, rightly, "not available yet": see ozonetel.test.ts.)
      const simulator = await OzonetelSimulator.start({
        calls: 0,
        // A key of its own per session: tokens are shared per account in the process.
        seed: nextSeed++,
        reportsRateLimit: { limit: 1000, intervalMs: 200 },
        tokensPerHour: 1000,
        now: Date.parse('2026-11-24T12:00:00+05:30'),
      });
      const known = [1, 2, 3].map((hours) =>
        simulator.addCall(new Date(simulator.now().getTime() - hours * 3_600_000 - 86_400_000 * 2)),
      );
      // The listing window: three days and a half back from the simulated now, so four IST
      // days (four requests), with calls in each.
      const start = simulator.now().getTime();
      for (let index = 0; index < 60; index++)
        simulator.addCall(new Date(start - 600_000 - index * 5_000_000));
      const window = { from: new Date(start - 3.5 * 86_400_000), to: new Date(start - 60_000) };
      return {
        createProvider: (options) =>
          createOzonetel({
            userName: simulator.userName,
            apiKey: options?.credentials === 'invalid' ? invalidKey : simulator.apiKey,
            baseUrl: simulator.url,
            now: () => simulator.now(),
            // A scaled-down budget: "max limit exceeded" is then waited out in one short window.
            rateLimit: { limit: 1000, intervalMs: 200 },
            reports: { rateLimit: { limit: 1000, intervalMs: 200 } },
            transport: {
              retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 6 },
              onEvent: options?.onEvent,
            },
          }),
        secrets: [simulator.apiKey, invalidKey],
        validSecrets: [simulator.apiKey],
        requestCount: () => simulator.requestCount,
        injectFault: (kind, count) => simulator.injectFault(kind, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        corruptRecord: () => {
          // An end before its start: a record no Call can hold.
          const ids = simulator.callsBetween(window.from, window.to).map((call) => call.ucid);
          const id = ids[Math.floor(ids.length / 2)]!;
          simulator.corruptRecord(id, { EndTime: '2001-01-01 00:00:00' });
          return id;
        },
        stop: () => simulator.stop(),
        window,
        expectedCallIds: (range, filter) =>
          simulator.callsBetween(range.from, range.to, filter).map((call) => call.ucid),
        knownCallIds: known.map((call) => call.ucid),
        unknownCallId: '999999999',
      };
    },
  },
);
