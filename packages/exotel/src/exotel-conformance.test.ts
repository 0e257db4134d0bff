import { type ConformanceSession, runCallProviderConformance } from '@cdr/core/testing';
import { describe, test } from 'vitest';
import { createExotel } from './exotel-provider.js';
import { ExotelSimulator } from './testing/exotel-simulator.js';

// Awkward on purpose: the kit checks that its JSON-escaped form is redacted too.
const wrongToken = 'wrong"exotel\\token';
const testNow = Date.parse('2026-11-24T06:30:00Z');

// The core conformance kit against the simulator.
runCallProviderConformance(
  { describe, test },
  {
    name: 'exotel',
    capabilities: {
      listCalls: {
        directions: ['inbound', 'outbound'],
        statuses: ['answered', 'missed', 'busy', 'failed'],
        retentionDays: 180,
      },
      getCall: true,
    },
    async start(): Promise<ConformanceSession> {
      // A fixed end for the data set: no check depends on the machine's clock.
      const simulator = await ExotelSimulator.start({ calls: 400, now: testNow });
      const known = simulator
        .calls()
        .slice(0, 3)
        .map((call) => call.id);
      const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
      return {
        createProvider: (options) =>
          createExotel({
            accountSid: simulator.accountSid,
            apiKey: simulator.apiKey,
            apiToken: options?.credentials === 'invalid' ? wrongToken : simulator.apiToken,
            baseUrl: simulator.url,
            pageSize: 25,
            now: () => new Date(testNow),
            transport: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onEvent: options?.onEvent },
          }),
        secrets: [simulator.apiKey, simulator.apiToken, wrongToken],
        validSecrets: [simulator.apiKey, simulator.apiToken],
        requestCount: () => simulator.requestCount,
        injectFault: (fault, count) => simulator.injectFault(fault, count),
        producedFaults: () => simulator.faults.produced,
        echoInRecords: (text) => simulator.echoInRecords(text),
        corruptRecord: () => {
          // An end before its creation: a record no Call can hold.
          const ids = simulator.calls(window).map((call) => call.id);
          const id = ids[Math.floor(ids.length / 2)]!;
          simulator.corruptRecord(id, { EndTime: '2001-01-01 00:00:00' });
          return id;
        },
        stop: () => simulator.stop(),
        window,
        expectedCallIds: (range, filter) => simulator.calls(range, filter).map((call) => call.id),
        knownCallIds: known,
        unknownCallId: 'f'.repeat(32),
      };
    },
  },
);
