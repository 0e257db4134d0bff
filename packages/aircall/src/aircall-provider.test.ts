import {
  AuthenticationError,
  type Call,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import { collect, seededRandom } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { aircallResetDelayMs, aircallResponseInterpreter } from './aircall-error.js';
import { type AircallSettings, createAircall } from './aircall-provider.js';
import { AircallSimulator } from './testing/aircall-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
let simulator: AircallSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

function provider(sim: AircallSimulator, settings: Partial<AircallSettings> = {}) {
  return createAircall({
    apiId: sim.apiId,
    apiToken: sim.apiToken,
    baseUrl: sim.url,
    rateLimit: false,
    now: () => new Date(testNow),
    transport: fast,
    ...settings,
  });
}

const ids = (calls: readonly { id: string }[]) => calls.map((call) => call.id).sort();

describe('listing', () => {
  test.each([1, 8])(
    'lists exactly the ground truth under 10 percent random faults (429s included), concurrency %i',
    async (concurrency) => {
      simulator = await AircallSimulator.start({
        calls: 2000,
        now: testNow,
        clock: () => testNow,
        faultRate: 0.1,
        faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'rate-limited'],
        random: seededRandom(concurrency),
      });
      const aircall = provider(simulator, {
        concurrency,
        pageSize: 20,
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } },
      });
      const listed = (await collect(aircall.listCalls(window))).map((call) => call.id);
      const truth = simulator.calls(window).map((call) => call.id);
      expect(listed.length).toBe(truth.length);
      expect(new Set(listed)).toEqual(new Set(truth));
      const faults = [...simulator.faults.produced.values()].reduce((a, b) => a + b, 0);
      expect(faults).toBeGreaterThan(5);
      expect(simulator.faults.produced.get('rate-limited') ?? 0).toBeGreaterThan(0);
      await aircall.close?.();
    },
    60_000,
  );

  test('asks from/to in UNIX seconds, order=asc, per_page and page from 1', async () => {
    simulator = await AircallSimulator.start({ calls: 300, now: testNow });
    const urls: URL[] = [];
    simulator.onRequest = (_number, request) => urls.push(request.url);
    const from = new Date('2026-11-22T10:00:00.250Z');
    const to = new Date('2026-11-23T10:00:00.500Z');
    const aircall = provider(simulator, { concurrency: 1, pageSize: 25 });
    expect(ids(await collect(aircall.listCalls({ from, to })))).toEqual(
      ids(simulator.calls({ from, to })),
    );
    const first = urls.map((url) => url.searchParams);
    // `from` is exclusive: one second before the first whole second in the window.
    expect(
      first.some(
        (query) => query.get('from') === String(Date.parse('2026-11-22T10:00:01Z') / 1000 - 1),
      ),
    ).toBe(true);
    expect(
      first.some(
        (query) => query.get('to') === String(Date.parse('2026-11-23T10:00:00Z') / 1000 + 1),
      ),
    ).toBe(true);
    expect(
      first.every((query) => query.get('order') === 'asc' && query.get('per_page') === '25'),
    ).toBe(true);
    expect(first.some((query) => query.get('page') === '2')).toBe(true);
    await aircall.close?.();
  });

  test('a window deeper than the record cap is halved until each part fits, never cut', async () => {
    simulator = await AircallSimulator.start({
      calls: 1500,
      now: testNow,
      maxRecordsPerQuery: 200,
    });
    const refused: string[] = [];
    simulator.onRequest = (_number, request) => {
      const query = request.url.searchParams;
      if (Number(query.get('page')) * Number(query.get('per_page')) > 200)
        refused.push(request.url.search);
    };
    const aircall = provider(simulator, { concurrency: 2, maxRecordsPerQuery: 200 });
    const listed = await collect(aircall.listCalls(window));
    expect(listed.length).toBe(simulator.calls(window).length);
    expect(ids(listed)).toEqual(ids(simulator.calls(window)));
    expect(refused).toEqual([]);
    await aircall.close?.();
    // Told a deeper cap than the API keeps, the listing fails loudly on the API's 400.
    const unaware = provider(simulator, { concurrency: 1, maxRecordsPerQuery: 10_000 });
    await expect(collect(unaware.listCalls(window))).rejects.toBeInstanceOf(InvalidRequestError);
    expect(refused.length).toBeGreaterThan(0);
  });

  test('an API whose links stop at a cap the client was not told of is an error, not a short listing', async () => {
    simulator = await AircallSimulator.start({
      calls: 1500,
      now: testNow,
      maxRecordsPerQuery: 200,
      linksPastCap: false,
    });
    const unaware = provider(simulator, { concurrency: 1, maxRecordsPerQuery: 10_000 });
    await expect(collect(unaware.listCalls(window))).rejects.toThrow(
      /ended the listing at record 200/,
    );
    const told = provider(simulator, { concurrency: 1, maxRecordsPerQuery: 200 });
    expect(ids(await collect(told.listCalls(window)))).toEqual(ids(simulator.calls(window)));
  });

  test('with the real 10,000 cap: 12,000 calls in a day are all listed', async () => {
    simulator = await AircallSimulator.start({ calls: 12_000, days: 1, now: testNow });
    const aircall = provider(simulator, { concurrency: 1 });
    const day = { from: new Date(testNow - 86_400_000), to: new Date(testNow) };
    // One chain (concurrency 1 still slices in two): each half holds about 6,000 calls.
    const listed = await collect(aircall.listCalls(day));
    expect(new Set(listed.map((call) => call.id)).size).toBe(simulator.calls(day).length);
    await aircall.close?.();
  }, 60_000);

  test('more calls in one second than the cap is an error, never a silent cut', async () => {
    simulator = await AircallSimulator.start({
      calls: 400,
      days: 0.00001,
      now: testNow,
      maxRecordsPerQuery: 50,
    });
    const aircall = provider(simulator, { concurrency: 1, maxRecordsPerQuery: 50 });
    const second = { from: new Date(testNow - 1000), to: new Date(testNow) };
    await expect(collect(aircall.listCalls(second))).rejects.toThrow(ProviderError);
    await expect(collect(aircall.listCalls(second))).rejects.toThrow(/within one second/);
    await aircall.close?.();
  });

  test('the simulator refuses a page past the cap with the documented 400, read as InvalidRequestError', async () => {
    simulator = await AircallSimulator.start({ calls: 10, now: testNow });
    const response = await fetch(`${simulator.url}/v1/calls?page=201&per_page=50`, {
      headers: { authorization: `Bearer ${simulator.accessToken}` },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ errors: expect.stringMatching(/limited to 10k results/) });
    const error = aircallResponseInterpreter(() => new Date(testNow))({
      statusCode: 400,
      headers: {},
      body,
      provider: 'aircall',
      endpoint: 'GET /v1/calls',
      retryAfterMs: undefined,
    });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.message).toMatch(/pagination is out of bound/);
  });
});

describe('rate budget', () => {
  test('a backfill kept to the budget meets no 429', async () => {
    // The simulator counts the budget in half the client's window: a request a loaded machine
    // holds back is not counted against the client, while a client that kept no budget would
    // still send several times too many.
    simulator = await AircallSimulator.start({
      calls: 600,
      now: testNow,
      rateLimit: { limit: 8, intervalMs: 750 },
    });
    const aircall = provider(simulator, {
      concurrency: 4,
      pageSize: 20,
      rateLimit: { limit: 8, intervalMs: 1_500 },
    });
    const listed = await collect(aircall.listCalls(window));
    expect(ids(listed)).toEqual(ids(simulator.calls(window)));
    expect(simulator.rateLimited).toBe(0);
    await aircall.close?.();
  }, 60_000);

  test('without a budget, 429s are waited out until X-AircallApi-Reset and nothing is lost', async () => {
    // One clock for the server and the client: the data set's end, moving on with the test.
    const clock = () => testNow + Math.floor(performance.now());
    simulator = await AircallSimulator.start({
      calls: 300,
      now: testNow,
      clock,
      rateLimit: { limit: 5, intervalMs: 300 },
    });
    const aircall = createAircall({
      apiId: simulator.apiId,
      apiToken: simulator.apiToken,
      baseUrl: simulator.url,
      rateLimit: false,
      concurrency: 4,
      pageSize: 20,
      now: () => new Date(clock()),
      transport: { retry: { baseDelayMs: 50, maxDelayMs: 400, maxRetries: 20 } },
    });
    const listed = await collect(aircall.listCalls(window));
    expect(ids(listed)).toEqual(ids(simulator.calls(window)));
    expect(simulator.rateLimited).toBeGreaterThan(0);
    await aircall.close?.();
  }, 60_000);

  test('X-AircallApi-Reset is read as UNIX seconds, or milliseconds past 10^12', () => {
    const now = new Date(1_790_000_000_000);
    expect(aircallResetDelayMs('1790000002', now)).toBe(2000);
    expect(aircallResetDelayMs('1790000000500', now)).toBe(500);
    expect(aircallResetDelayMs('1789999999', now)).toBe(0);
    expect(aircallResetDelayMs('soon', now)).toBeUndefined();
    const error = aircallResponseInterpreter(() => now)({
      statusCode: 429,
      headers: { 'x-aircallapi-reset': '1790000003' },
      body: { message: 'Too Many Requests' },
      provider: 'aircall',
      endpoint: 'GET /v1/calls',
      retryAfterMs: 9000,
    });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3000);
  });
});

describe('errors and settings', () => {
  test('the edge answers: no credential 401, a wrong one 403 (both AuthenticationError), unknown path 404', async () => {
    simulator = await AircallSimulator.start({ calls: 10, now: testNow });
    const bare = await fetch(`${simulator.url}/v1/calls`);
    expect([bare.status, await bare.json()]).toEqual([401, { message: 'Unauthorized' }]);
    const interpret = aircallResponseInterpreter(() => new Date(testNow));
    const who = {
      provider: 'aircall',
      endpoint: 'GET /v1/calls',
      retryAfterMs: undefined,
      headers: {},
    };
    expect(
      interpret({ ...who, statusCode: 401, body: { message: 'Unauthorized' } }),
    ).toBeInstanceOf(AuthenticationError);
    expect(interpret({ ...who, statusCode: 403, body: { message: 'Forbidden' } })).toBeInstanceOf(
      AuthenticationError,
    );
    expect(interpret({ ...who, statusCode: 404, body: { message: 'Not Found' } })).toBeInstanceOf(
      NotFoundError,
    );
    expect(interpret({ ...who, statusCode: 503, body: 'down' })).toBeUndefined();
    const wrong = provider(simulator, { apiToken: 'not-the-token-at-all' });
    await expect(collect(wrong.listCalls(window))).rejects.toBeInstanceOf(AuthenticationError);
  });

  test('settings are checked strictly before any request', () => {
    const base = { apiId: 'id', apiToken: 'token' };
    expect(() => createAircall({ ...base, pageSize: 51 })).toThrow(InvalidRequestError);
    expect(() => createAircall({ apiId: 'id' })).toThrow(/apiToken/);
    expect(() => createAircall({ ...base, accessToken: 'x' })).toThrow(/exactly one/);
    expect(() => createAircall({ ...base, costCurrency: 'usd' })).toThrow(/costCurrency/);
    expect(() => createAircall({ ...base, colour: 'blue' } as AircallSettings)).toThrow(/colour/);
  });

  test('a window older than the retention is refused before any request; the retention is a setting', async () => {
    simulator = await AircallSimulator.start({ calls: 10, now: testNow });
    const old = {
      from: new Date(testNow - 200 * 86_400_000),
      to: new Date(testNow - 199 * 86_400_000),
    };
    await expect(collect(provider(simulator).listCalls(old))).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(simulator.requestCount).toBe(0);
    expect(await collect(provider(simulator, { retentionDays: 365 }).listCalls(old))).toEqual([]);
  });

  test('getCall reads the call envelope; an unknown id is null', async () => {
    simulator = await AircallSimulator.start({ calls: 20, now: testNow });
    const aircall = provider(simulator);
    const known = simulator.calls()[3]!;
    const call = await aircall.getCall!(known.id);
    expect(call?.id).toBe(known.id);
    const listed = (await collect(aircall.listCalls(window))).find((item) => item.id === known.id);
    expect(call).toEqual(listed);
    expect(await aircall.getCall!('99')).toBeNull();
    await expect(aircall.getCall!('CA123')).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
