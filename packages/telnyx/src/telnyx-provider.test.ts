import {
  AuthenticationError,
  type Call,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
} from '@cdr/core';
import { collect, seededRandom } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { interpretTelnyxResponse } from './telnyx-error.js';
import { createTelnyx, type TelnyxSettings } from './telnyx-provider.js';
import { TelnyxSimulator, type TelnyxSimulatorOptions } from './testing/telnyx-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
let simulator: TelnyxSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function start(options: TelnyxSimulatorOptions = {}) {
  simulator = await TelnyxSimulator.start({
    calls: 300,
    now: testNow,
    rateLimit: false,
    ...options,
  });
  return simulator;
}

const provider = (sim: TelnyxSimulator, settings: Partial<TelnyxSettings> = {}) =>
  createTelnyx({
    apiKey: sim.apiKey,
    baseUrl: sim.url,
    rateLimit: false,
    transport: fast,
    ...settings,
  } as TelnyxSettings);

describe('listing', () => {
  test.each([1, 8])(
    'lists exactly the ground truth under 10 percent random faults (429s included), concurrency %i',
    async (concurrency) => {
      const sim = await start({
        calls: 2000,
        faultRate: 0.1,
        faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'rate-limited'],
        random: seededRandom(concurrency),
      });
      const telnyx = provider(sim, {
        concurrency,
        pageSize: 10,
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } },
      });
      const ids = (await collect(telnyx.listCalls(window))).map((call) => call.id);
      const truth = sim.calls(window).map((call) => call.id);
      expect(ids.length).toBe(truth.length);
      expect(new Set(ids)).toEqual(new Set(truth));
      const faults = [...sim.faults.produced.values()].reduce((a, b) => a + b, 0);
      expect(faults, JSON.stringify([...sim.faults.produced])).toBeGreaterThan(5);
      expect(sim.faults.produced.get('rate-limited') ?? 0).toBeGreaterThan(0);
      await telnyx.close?.();
    },
    60_000,
  );

  test('asks each voice record type on started_at in whole seconds, 50 a page, sorted, page by page', async () => {
    const sim = await start({ calls: 1200 });
    const urls: URL[] = [];
    sim.onRequest = (_number, request) => urls.push(request.url);
    const from = new Date('2026-11-22T10:00:00.250Z');
    const to = new Date('2026-11-23T10:00:00.500Z');
    const calls = await collect(provider(sim, { concurrency: 1 }).listCalls({ from, to }));
    expect(calls.map((call) => call.id).sort()).toEqual(
      sim
        .calls({ from, to })
        .map((call) => call.id)
        .sort(),
    );
    const queries = urls.map((url) => url.searchParams);
    expect(new Set(queries.map((query) => query.get('filter[record_type]')))).toEqual(
      new Set(['call-control', 'sip-trunking', 'webrtc']),
    );
    for (const query of queries) {
      expect(query.get('filter[started_at][gte]')).toBe('2026-11-22T10:00:00Z');
      expect(query.get('filter[started_at][lt]')).toBe('2026-11-23T10:00:01Z');
      expect(query.get('page[size]')).toBe('50');
      expect(query.get('sort')).toBe('started_at');
    }
    expect(queries.some((query) => query.get('page[number]') === '2')).toBe(true);
    // Brackets percent-encoded on the wire, as the official SDK sends them.
    expect(urls[0]?.search).toContain('filter%5Brecord_type%5D=');
  });

  test('recordTypes narrows the listing to the types an account has', async () => {
    const sim = await start({ recordTypes: ['webrtc'] });
    const calls = await collect(provider(sim, { recordTypes: ['webrtc'] }).listCalls(window));
    expect(calls.length).toBe(sim.calls(window).length);
    expect(calls.every((call) => call.providerFields?.recordType === 'webrtc_detail_record')).toBe(
      true,
    );
  });

  test('a record type the account lacks is a configuration error naming recordTypes', async () => {
    const sim = await start({ recordTypes: ['call-control'] });
    const error = await collect(provider(sim).listCalls(window)).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error.message)).toContain('No matching record type');
    expect(String(error.message)).toContain('recordTypes');
  });

  test('a wrong API key is an AuthenticationError without the key', async () => {
    const sim = await start();
    const error = await collect(
      provider(sim, { apiKey: 'KEYwrong-key-123' }).listCalls(window),
    ).catch((caught) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('KEYwrong-key-123');
  });
});

describe('the rate budget', () => {
  test('the documented default budget keeps a backfill under the simulated account budget: zero 429s', async () => {
    // The client is given no rateLimit at all: it keeps the documented 10 a second (and its
    // margin). The simulator counts 10 in a shorter window, as the other providers' budget
    // tests do, so that a request a loaded machine holds back is not counted against it.
    const sim = await TelnyxSimulator.start({
      calls: 300,
      now: testNow,
      rateLimit: { limit: 10, intervalMs: 500 },
    });
    simulator = sim;
    const telnyx = createTelnyx({
      apiKey: sim.apiKey,
      baseUrl: sim.url,
      pageSize: 10,
      transport: fast,
    });
    const calls = await collect(telnyx.listCalls(window));
    expect(calls.length).toBe(sim.calls(window).length);
    expect(sim.requestCount).toBeGreaterThan(20);
    expect(sim.rateLimitedCount).toBe(0);
  }, 30_000);

  test("without one, Telnyx's 429 (x-ratelimit-reset) is waited out and the listing completes", async () => {
    const sim = await start({ calls: 100, rateLimit: { limit: 3, intervalMs: 300 } });
    const calls = await collect(
      provider(sim, {
        pageSize: 10,
        concurrency: 2,
        transport: { retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetries: 10 } },
      }).listCalls(window),
    );
    expect(calls.length).toBe(sim.calls(window).length);
    expect(sim.rateLimitedCount).toBeGreaterThan(0);
  }, 30_000);

  test('Retry-After wins, x-ratelimit-reset otherwise', () => {
    const context = {
      statusCode: 429,
      body: { errors: [{ code: '10011', title: 'Too many requests' }] },
      provider: 'telnyx',
      endpoint: 'GET /v2/detail_records',
    };
    const withBoth = interpretTelnyxResponse({
      ...context,
      headers: { 'x-ratelimit-reset': '7' },
      retryAfterMs: 2000,
    });
    expect(withBoth).toBeInstanceOf(RateLimitedError);
    expect((withBoth as RateLimitedError).retryAfterMs).toBe(2000);
    const resetOnly = interpretTelnyxResponse({
      ...context,
      headers: { 'x-ratelimit-reset': '7' },
      retryAfterMs: undefined,
    });
    expect((resetOnly as RateLimitedError).retryAfterMs).toBe(7000);
    const neither = interpretTelnyxResponse({ ...context, headers: {}, retryAfterMs: undefined });
    expect((neither as RateLimitedError).retryAfterMs).toBeUndefined();
  });

  test('the same code 10011 on a 400 is a refused request, not a rate limit', () => {
    const error = interpretTelnyxResponse({
      statusCode: 400,
      headers: {},
      body: { errors: [{ code: '10011', title: 'Bad Request', detail: 'page' }] },
      provider: 'telnyx',
      endpoint: 'x',
      retryAfterMs: undefined,
    });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(
      interpretTelnyxResponse({
        statusCode: 404,
        headers: {},
        body: {},
        provider: 'telnyx',
        endpoint: 'x',
        retryAfterMs: undefined,
      }),
    ).toBeInstanceOf(NotFoundError);
  });
});

describe('getCall', () => {
  test('finds a leg of each record type by id, null for an unknown id', async () => {
    const sim = await start();
    const telnyx = provider(sim);
    for (const type of ['call-control', 'sip-trunking', 'webrtc']) {
      const known = sim.calls().find((call) => call.recordType === type)!;
      const call = await telnyx.getCall(known.id);
      expect(call?.id).toBe(known.id);
      expect(call?.raw).toEqual(known.record);
    }
    expect(await telnyx.getCall('00000000-0000-1000-8000-000000000000')).toBeNull();
  });

  test('an id that is no UUID is refused before any request', async () => {
    const sim = await start();
    await expect(provider(sim).getCall('CA123')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sim.requestCount).toBe(0);
  });
});

describe('settings are checked strictly, before any request', () => {
  test.each([
    [{ pageSize: 51 }, 'pageSize'],
    [{ recordTypes: [] }, 'recordTypes'],
    [{ recordTypes: ['webrtc', 'webrtc'] }, 'recordTypes'],
    [{ apiKey: ' KEY ' }, 'apiKey'],
    [{ baseUrl: 'http://example.com' }, 'baseUrl'],
    [{ region: 'eu' }, 'region'],
  ])('%j', (settings, named) => {
    expect(() => createTelnyx({ apiKey: 'KEY1', ...settings } as TelnyxSettings)).toThrow(
      expect.objectContaining({
        name: 'InvalidRequestError',
        message: expect.stringContaining(named),
      }),
    );
  });
});
