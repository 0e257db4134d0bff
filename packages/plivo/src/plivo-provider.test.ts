import {
  AuthenticationError,
  type Call,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
  ResponseValidationError,
} from '@cdr/core';
import { parseRetryAfterMs } from '@cdr/core/provider-utils';
import { collect, seededRandom, startTestServer } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { interpretPlivoResponse } from './plivo-error.js';
import { createPlivo, type PlivoSettings } from './plivo-provider.js';
import { fixture } from './testing/plivo-fixtures.js';
import { PlivoSimulator, type PlivoSimulatorOptions } from './testing/plivo-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const dayMs = 86_400_000;
const window = { from: new Date(testNow - 3 * dayMs), to: new Date(testNow) };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
let simulator: PlivoSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function start(options: PlivoSimulatorOptions = {}, settings: Partial<PlivoSettings> = {}) {
  simulator = await PlivoSimulator.start({ calls: 300, now: testNow, ...options });
  const sim = simulator;
  const plivo = createPlivo({
    authId: sim.authId,
    authToken: sim.authToken,
    baseUrl: sim.url,
    now: () => new Date(testNow),
    transport: fast,
    ...settings,
  } as PlivoSettings);
  return { sim, plivo };
}

const idsOf = (calls: readonly { id: string }[]) => calls.map((call) => call.id).sort();

describe('listing', () => {
  test.each([1, 8])(
    'lists exactly the ground truth under 10 percent random faults (429s included), concurrency %i',
    async (concurrency) => {
      const { sim, plivo } = await start(
        {
          calls: 2000,
          faultRate: 0.1,
          faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'rate-limited'],
          random: seededRandom(concurrency),
        },
        { concurrency, transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } } },
      );
      const ids = (await collect(plivo.listCalls(window))).map((call) => call.id);
      const truth = sim.calls(window).map((call) => call.id);
      expect(ids.length).toBe(truth.length);
      expect(new Set(ids)).toEqual(new Set(truth));
      const faults = [...sim.faults.produced.values()].reduce((a, b) => a + b, 0);
      expect(faults).toBeGreaterThan(5);
      expect(sim.faults.produced.get('rate-limited') ?? 0).toBeGreaterThan(0);
      await plivo.close?.();
    },
    60_000,
  );

  test('asks end_time__gte / end_time__lte in UTC with limit and offset, then follows meta.next', async () => {
    const { sim, plivo } = await start({}, { concurrency: 1, longestCallSeconds: 7200 });
    const urls: URL[] = [];
    sim.onRequest = (_number, request) => urls.push(request.url);
    const from = new Date('2026-11-22T10:00:00.250Z');
    const to = new Date('2026-11-22T20:00:00.500Z');
    const calls = await collect(plivo.listCalls({ from, to }));
    expect(idsOf(calls)).toEqual(idsOf(sim.calls({ from, to })));
    const first = urls[0]!.searchParams;
    expect(first.get('end_time__gte')).toBe('2026-11-22 10:00:00');
    expect(first.get('limit')).toBe('20');
    expect(first.get('offset')).toBe('0');
    // The last upper bound is the window's end plus the longest call: a call ends after it starts.
    const uppers = urls.map((url) => url.searchParams.get('end_time__lte')).filter(Boolean);
    expect(uppers).toContain('2026-11-22 22:00:00');
    expect(urls.some((url) => url.searchParams.get('offset') === '20')).toBe(true);
  });

  test('a call that starts in the window and ends after it is listed; one that ended in it but started before is not', async () => {
    const { sim, plivo } = await start({ calls: 600 }, { concurrency: 2 });
    const all = sim.calls();
    // A window ending between a call's start and its end.
    const long = all.find((call) => call.end - call.time > 600_000)!;
    const cut = { from: new Date(long.time - 3_600_000), to: new Date(long.time + 1000) };
    const ids = idsOf(await collect(plivo.listCalls(cut)));
    expect(ids).toContain(long.id);
    expect(ids).toEqual(idsOf(sim.calls(cut)));
  });

  test('sub-windows are of end times, asked without overlap: no record is read twice', async () => {
    const { sim, plivo } = await start({ calls: 1500 }, { concurrency: 4 });
    const urls: URL[] = [];
    sim.onRequest = (_number, request) => urls.push(request.url);
    const calls = await collect(plivo.listCalls(window));
    expect(idsOf(calls)).toEqual(idsOf(sim.calls(window)));
    const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
    const ranges = urls
      .filter((url) => url.searchParams.get('offset') === '0')
      .map((url) => [
        at(url.searchParams.get('end_time__gte')!),
        at(url.searchParams.get('end_time__lte')!),
      ])
      .sort((a, b) => a[0]! - b[0]!);
    expect(ranges.length).toBe(8);
    for (let index = 1; index < ranges.length; index++)
      expect(ranges[index]![0]).toBeGreaterThan(ranges[index - 1]![1]!);
    // Only the last reaches past the window, by the longest call (4 h by default).
    expect(ranges.at(-1)![1]).toBe(Math.floor(window.to.getTime() / 1000) * 1000 + 4 * 3_600_000);
    expect(ranges.at(-2)![1]).toBeLessThan(window.to.getTime());
    // Calls that start in one sub-window and end in the next are listed, once.
    const straddling = sim
      .calls(window)
      .filter((call) => ranges.some(([low]) => call.time < low! && call.end >= low!));
    expect(straddling.length).toBeGreaterThan(0);
    expect(new Set(calls.map((call) => call.id)).size).toBe(calls.length);
  });

  test('a window longer than 30 days is asked in pieces the API accepts (never a 400)', async () => {
    const { sim, plivo } = await start({ calls: 500, days: 80 }, { concurrency: 2 });
    const urls: URL[] = [];
    sim.onRequest = (_number, request) => urls.push(request.url);
    const long = { from: new Date(testNow - 80 * dayMs), to: new Date(testNow) };
    expect(idsOf(await collect(plivo.listCalls(long)))).toEqual(idsOf(sim.calls(long)));
    for (const url of urls) {
      const low = Date.parse(`${url.searchParams.get('end_time__gte')!.replace(' ', 'T')}Z`);
      const high = Date.parse(`${url.searchParams.get('end_time__lte')!.replace(' ', 'T')}Z`);
      expect(high - low).toBeLessThanOrEqual(30 * dayMs);
    }
  });

  test('a window older than the 90-day retention is refused before any request', async () => {
    const { sim, plivo } = await start();
    await expect(
      collect(plivo.listCalls({ from: new Date(testNow - 91 * dayMs), to: new Date(testNow) })),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sim.requestCount).toBe(0);
  });

  test('a direction filter is sent as call_direction', async () => {
    const { sim, plivo } = await start();
    const urls: URL[] = [];
    sim.onRequest = (_number, request) => urls.push(request.url);
    const calls = await collect(plivo.listCalls({ ...window, direction: 'inbound' }));
    expect(idsOf(calls)).toEqual(idsOf(sim.calls(window, { direction: 'inbound' })));
    expect(urls.every((url) => url.searchParams.get('call_direction') === 'inbound')).toBe(true);
  });

  test('a page that answers another offset than asked is not taken for it', async () => {
    // As the official SDK's retry does: the query lost, page 1 of the default window.
    const page = fixture('list-calls-python-sdk.json') as { meta: Record<string, unknown> };
    const server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...page, meta: { ...page.meta, next: null, limit: 5 } }));
    });
    try {
      const plivo = createPlivo({
        authId: 'MAXXXXXXXXXXXXXXXXXX',
        authToken: 'token',
        baseUrl: server.url,
        now: () => new Date(testNow),
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 1 } },
      });
      await expect(collect(plivo.listCalls(window))).rejects.toBeInstanceOf(
        ResponseValidationError,
      );
    } finally {
      await server.close();
    }
  });

  test('a meta.next to another listing is not followed', async () => {
    const page = fixture('list-calls-ruby-example.rb.txt');
    const server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(page));
    });
    try {
      const plivo = createPlivo({
        authId: 'MAXXXXXXXXXXXXXXXXXY',
        authToken: 'token',
        baseUrl: server.url,
        now: () => new Date(testNow),
        concurrency: 1,
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 0 } },
      });
      // The sample's next names account XXXXXXXXXXXXXXX, not this one.
      await expect(collect(plivo.listCalls(window))).rejects.toThrow(/meta\.next|meta/);
    } finally {
      await server.close();
    }
  });
});

describe('the 300-requests-per-5-seconds budget', () => {
  test('kept by the client: no 429 from a simulator counting the same budget', async () => {
    const { sim, plivo } = await start(
      // The simulator's window half the client's: a request a loaded machine holds back is
      // not counted against the client.
      // Windows long enough that a request held back for most of a second still lands outside it.
      { calls: 400, rateLimit: { limit: 5, intervalMs: 750 } },
      { rateLimit: { limit: 5, intervalMs: 1_500 }, concurrency: 4 },
    );
    expect(idsOf(await collect(plivo.listCalls(window)))).toEqual(idsOf(sim.calls(window)));
    expect(sim.requestCount).toBeGreaterThan(10);
    expect(sim.rateLimitedCount).toBe(0);
  });

  test('without it, the 429s are waited out (backoff) and the listing completes', async () => {
    const { sim, plivo } = await start(
      // One request at a time: two would race for each freed slot, and the one whose backoff
      // has grown loses to the one just granted, retry after retry. Twenty retries whose
      // delays average ~100 ms cannot all land inside one 500 ms window.
      { calls: 200, rateLimit: { limit: 3, intervalMs: 500 } },
      {
        rateLimit: false,
        concurrency: 1,
        transport: { retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetries: 20 } },
      },
    );
    expect(idsOf(await collect(plivo.listCalls(window)))).toEqual(idsOf(sim.calls(window)));
    expect(sim.rateLimitedCount).toBeGreaterThan(0);
  });

  test('a Retry-After, if Plivo ever sends one, is honoured', async () => {
    const { sim, plivo } = await start(
      { calls: 30, rateLimit: { limit: 1, intervalMs: 1000 }, retryAfterSeconds: 1 },
      {
        rateLimit: false,
        concurrency: 1,
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } },
      },
    );
    const started = performance.now();
    // Two slices of an hour: two first pages, the second refused with Retry-After: 1.
    const small = { from: new Date(testNow - 2 * 3_600_000), to: new Date(testNow) };
    expect(idsOf(await collect(plivo.listCalls(small)))).toEqual(idsOf(sim.calls(small)));
    expect(sim.rateLimitedCount).toBeGreaterThan(0);
    // Backoff alone (at most 5 ms) would have retried at once, and been refused again and again.
    expect(performance.now() - started).toBeGreaterThan(900);
    expect(sim.rateLimitedCount).toBeLessThanOrEqual(2);
  });
});

describe('getCall', () => {
  test('by call UUID, as listed', async () => {
    const { sim, plivo } = await start();
    const truth = sim.calls(window)[5]!;
    const listed = (await collect(plivo.listCalls(window))).find((call) => call.id === truth.id)!;
    const fetched = await plivo.getCall!(truth.id);
    expect(fetched?.id).toBe(truth.id);
    expect({ ...fetched, raw: undefined }).toEqual({ ...listed, raw: undefined });
  });

  test('an unknown UUID is null; a malformed one is refused before any request', async () => {
    const { sim, plivo } = await start();
    expect(await plivo.getCall!('00000000-0000-4000-a000-000000000000')).toBeNull();
    const before = sim.requestCount;
    await expect(plivo.getCall!('not-a-uuid')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sim.requestCount).toBe(before);
  });

  test('wrong credentials are an AuthenticationError naming no secret', async () => {
    const { sim } = await start();
    const plivo = createPlivo({
      authId: sim.authId,
      authToken: 'not-the-token',
      baseUrl: sim.url,
      transport: fast,
    });
    const error = await plivo.getCall!(sim.calls()[0]!.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain('not-the-token');
  });
});

describe('settings', () => {
  test.each([
    [{ authId: 'AC123', authToken: 't' }, 'authId'],
    [{ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: '' }, 'authToken'],
    [{ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', pageSize: 21 }, 'pageSize'],
    [{ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', timeZone: 'Mars/Base' }, 'timeZone'],
    [{ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', currency: 'dollars' }, 'currency'],
    [
      { authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', hangupCauseStatuses: { 3000: 'nope' } },
      'hangupCauseStatuses',
    ],
    [{ authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', apiKey: 'x' }, 'apiKey'],
  ])('%o is refused, naming %s', (settings, name) => {
    expect(() => createPlivo(settings as unknown as PlivoSettings)).toThrow(InvalidRequestError);
    expect(() => createPlivo(settings as unknown as PlivoSettings)).toThrow(name);
  });

  test('the inferred defaults can be overridden: zone, currency, hangup causes', async () => {
    const { sim, plivo } = await start(
      {},
      { currency: 'EUR', hangupCauseStatuses: { '3000': 'missed' } },
    );
    const calls = await collect(plivo.listCalls(window));
    expect(calls.find((call) => call.cost)?.cost?.currency).toBe('EUR');
    const busy = sim.calls(window, { status: 'busy' }).map((call) => call.id);
    expect(busy.length).toBeGreaterThan(0);
    expect(
      calls.filter((call) => busy.includes(call.id)).every((call) => call.status === 'missed'),
    ).toBe(true);
  });
});

describe('interpretPlivoResponse: every documented error', () => {
  const context = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
    statusCode,
    headers,
    body,
    retryAfterMs: parseRetryAfterMs(headers['retry-after'], new Date('2026-01-01T00:00:00Z')),
    provider: 'plivo',
    endpoint: 'GET /v1/Account/{auth_id}/Call/',
  });
  const body = fixture('error-response.json');
  test.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [403, AuthenticationError],
    [404, NotFoundError],
    [405, InvalidRequestError],
    [429, RateLimitedError],
  ] as const)('HTTP %i with the docs’ error body', (status, type) => {
    const error = interpretPlivoResponse(context(status, body));
    expect(error).toBeInstanceOf(type);
    expect(error?.message).toContain('answer_url parameter is missing');
  });

  test('Retry-After is carried; 5xx and 2xx are left to the transport', () => {
    const error = interpretPlivoResponse(context(429, {}, { 'retry-after': '3' }));
    expect((error as RateLimitedError).retryAfterMs).toBe(3000);
    expect(interpretPlivoResponse(context(500, body))).toBeUndefined();
    expect(interpretPlivoResponse(context(200, {}))).toBeUndefined();
    // A 404 with an empty object, as the Go SDK expects.
    expect(interpretPlivoResponse(context(404, {}))).toBeInstanceOf(NotFoundError);
  });
});
