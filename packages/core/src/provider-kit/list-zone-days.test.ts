import { afterEach, expect, test } from 'vitest';
import type { Call } from '../call.js';
import { CredentialExpiredError, MalformedResponseError } from '../errors/index.js';
import { collect } from '../testing/collect.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { TokenManager } from '../transport/token-manager.js';
import type { TransportEvent } from '../transport/transport-event.js';
import { createCallProvider } from './create-call-provider.js';

/**
 * A day-listing API: `GET /day?from=…&to=…` answers the records started in that span as
 * newline-separated JSON, one record a line, echoing the bearer token in each record.
 * `cutFirst` bodies are cut after their first record (the connection reset).
 */
interface DayApi {
  server: TestServer;
  requests: { from: string; to: string }[];
  records: { id: string; at: number; direction: 'inbound' | 'outbound' }[];
  cutFirst: number;
  expireFirst: number;
}

let api: DayApi | undefined;
afterEach(async () => {
  await api?.server.close();
  api = undefined;
});

async function startApi(records: DayApi['records']): Promise<DayApi> {
  const state = { requests: [], records, cutFirst: 0, expireFirst: 0 } as Omit<DayApi, 'server'>;
  const server = await startTestServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: `secret-token-${Math.random()}` }));
      return;
    }
    const span = { from: url.searchParams.get('from')!, to: url.searchParams.get('to')! };
    state.requests.push(span);
    const token = (request.headers.authorization ?? '').replace('Bearer ', '');
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    if (state.expireFirst > 0) {
      state.expireFirst--;
      response.end('EXPIRED\n');
      return;
    }
    const lines = state.records
      .filter((record) => record.at >= Date.parse(span.from) && record.at <= Date.parse(span.to))
      .map(
        (record) =>
          `${JSON.stringify({ ...record, token, hex: Buffer.from(token).toString('hex') })}\n`,
      );
    if (state.cutFirst > 0 && lines.length > 1) {
      state.cutFirst--;
      // The connection dies mid-body, as a reset would.
      response.write(`${lines[0]}{"id":"trunc`);
      setTimeout(() => response.destroy(), 10);
      return;
    }
    response.end(`${lines.join('')}END\n`);
  });
  api = Object.assign(state, { server });
  return api;
}

async function* linesOf(body: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of body) {
    rest += chunk.toString('utf8');
    let end = rest.indexOf('\n');
    while (end !== -1) {
      yield rest.slice(0, end);
      rest = rest.slice(end + 1);
      end = rest.indexOf('\n');
    }
  }
  if (rest) yield rest;
}

function providerOf(state: DayApi, events: TransportEvent[], now: Date) {
  return createCallProvider({
    provider: 'acme',
    name: 'acme',
    baseUrl: state.server.url,
    secrets: [],
    settings: {
      now: () => now,
      transport: {
        retry: { baseDelayMs: 1, maxDelayMs: 2 },
        onEvent: (event) => events.push(event),
      },
    },
    sources: (context) => {
      const tokens = new TokenManager({
        provider: 'acme',
        endpoint: 'POST /token',
        lifetimeMs: 3_600_000,
        now: context.now,
        issue: async (client, signal) =>
          (
            (await client.requestJson({ method: 'POST', path: '/token', signal })) as {
              token: string;
            }
          ).token,
      });
      return [
        {
          paging: 'zone-day',
          endpoint: 'GET /day',
          directions: ['inbound', 'outbound'],
          statuses: ['answered'],
          timeZone: 'Asia/Kolkata',
          notAfterNow: true,
          request: (day) => ({
            method: 'GET',
            path: '/day',
            query: { from: day.from.toISOString(), to: day.to.toISOString() },
            bearer: { tokens },
          }),
          read: async (body, onRecord) => {
            let index = 0;
            for await (const line of linesOf(body)) {
              if (line === 'END') return;
              if (line === 'EXPIRED')
                throw new CredentialExpiredError({ provider: 'acme', message: 'Token Expired' });
              let record: unknown;
              try {
                record = JSON.parse(line);
              } catch {
                throw new MalformedResponseError({ provider: 'acme', message: 'cut short' });
              }
              await onRecord(record, index++);
            }
            throw new MalformedResponseError({ provider: 'acme', message: 'no END' });
          },
          map: (record) => {
            const { id, at, direction, token, hex } = record as DayApi['records'][number] & {
              token: string;
              hex: string;
            };
            const call: Call = {
              id,
              provider: 'acme',
              direction,
              status: 'answered',
              startedAt: new Date(at),
              durations: {},
              notes: [],
              raw: { id, token, hex },
            };
            return call;
          },
        },
      ];
    },
  });
}

const ist = (text: string) => Date.parse(`${text.replace(' ', 'T')}+05:30`);

test('one request per calendar day of the zone, none past now; window, filter and scrubbing kept', async () => {
  const state = await startApi([
    { id: 'a', at: ist('2026-11-22 21:00:00'), direction: 'inbound' },
    { id: 'b', at: ist('2026-11-22 23:30:00'), direction: 'outbound' },
    { id: 'c', at: ist('2026-11-23 01:00:00'), direction: 'inbound' },
  ]);
  const events: TransportEvent[] = [];
  const provider = providerOf(state, events, new Date(ist('2026-11-23 02:00:00')));
  const calls = await collect(
    provider.listCalls({
      from: new Date(ist('2026-11-22 22:00:00')),
      to: new Date(ist('2026-11-24 12:00:00')),
      direction: 'inbound',
    }),
  );
  expect(calls.map((call) => call.id)).toEqual(['c']);
  expect(state.requests).toEqual([
    { from: '2026-11-22T16:30:00.000Z', to: '2026-11-22T18:29:59.999Z' },
    { from: '2026-11-22T18:30:00.000Z', to: '2026-11-22T20:30:00.000Z' },
  ]);
  // The run-time token echoed in a record, as written and as hex, never reaches a Call.
  expect(JSON.stringify(calls)).not.toMatch(/secret-token|7365637265742d746f6b656e/);
  await provider.close?.();
});

test('a body cut short is asked for again, and the records already handed on are skipped', async () => {
  const records = Array.from({ length: 5 }, (_, index) => ({
    id: `r${index}`,
    at: ist('2026-11-22 10:00:00') + index * 1000,
    direction: 'inbound' as const,
  }));
  const state = await startApi(records);
  state.cutFirst = 2;
  const events: TransportEvent[] = [];
  const provider = providerOf(state, events, new Date(ist('2026-11-22 12:00:00')));
  const calls = await collect(
    provider.listCalls({
      from: new Date(ist('2026-11-22 09:00:00')),
      to: new Date(ist('2026-11-22 11:00:00')),
    }),
  );
  expect(calls.map((call) => call.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  expect(state.requests).toHaveLength(3);
  await provider.close?.();
});

test('an expired token inside a 200 body re-authenticates once, in the transport', async () => {
  const state = await startApi([{ id: 'x', at: ist('2026-11-22 10:00:00'), direction: 'inbound' }]);
  state.expireFirst = 1;
  const events: TransportEvent[] = [];
  const provider = providerOf(state, events, new Date(ist('2026-11-22 12:00:00')));
  const calls = await collect(
    provider.listCalls({
      from: new Date(ist('2026-11-22 09:00:00')),
      to: new Date(ist('2026-11-22 11:00:00')),
    }),
  );
  expect(calls.map((call) => call.id)).toEqual(['x']);
  expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
  await provider.close?.();
});

test('stopping early stops the listing: no later day is asked for', async () => {
  const state = await startApi([
    { id: 'd1', at: ist('2026-11-20 10:00:00'), direction: 'inbound' },
    { id: 'd2', at: ist('2026-11-21 10:00:00'), direction: 'inbound' },
  ]);
  const provider = providerOf(state, [], new Date(ist('2026-11-22 12:00:00')));
  for await (const call of provider.listCalls({
    from: new Date(ist('2026-11-20 00:00:00')),
    to: new Date(ist('2026-11-22 00:00:00')),
  })) {
    expect(call.id).toBe('d1');
    break;
  }
  expect(state.requests).toHaveLength(1);
  await provider.close?.();
});
