import {
  AuthenticationError,
  type Call,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
  ResponseValidationError,
} from '@cdr/core';
import { parseRetryAfterMs } from '@cdr/core/provider-utils';
import { startTestServer } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { interpretExotelResponse } from './exotel-error.js';
import {
  createExotel,
  type ExotelSettings,
  exotelBaseUrl,
  exotelMaxWindowDays,
} from './exotel-provider.js';
import { ExotelSimulator, type ExotelSimulatorOptions } from './testing/exotel-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const dayMs = 86_400_000;
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

let simulator: ExotelSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function start(options: ExotelSimulatorOptions = {}, settings: Partial<ExotelSettings> = {}) {
  simulator = await ExotelSimulator.start({ now: testNow, ...options });
  const sim = simulator;
  const provider = createExotel({
    accountSid: sim.accountSid,
    apiKey: sim.apiKey,
    apiToken: sim.apiToken,
    baseUrl: sim.url,
    now: () => new Date(testNow),
    transport: fast,
    ...settings,
  });
  return { sim, provider };
}

async function list(
  provider: ReturnType<typeof createExotel>,
  from: number,
  to: number,
): Promise<Call[]> {
  const calls: Call[] = [];
  for await (const call of provider.listCalls({ from: new Date(from), to: new Date(to) }))
    calls.push(call);
  return calls;
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('Bulk Call Details requests', () => {
  test('DateCreated in IST wall time, URL-encoded, PageSize 100, oldest first, Basic auth', async () => {
    const { sim, provider } = await start({ calls: 20 });
    const seen: { url: URL }[] = [];
    sim.onRequest = (_number, request) => seen.push({ url: request.url });
    const from = Date.parse('2026-11-23T06:30:00Z');
    await list(provider, from, testNow - 1);
    expect(seen).toHaveLength(8); // 2 × concurrency 4 time slices of the day
    const raw = seen[0]!.url.search;
    expect(raw).toContain('DateCreated=gte%3A2026-11-23%2012%3A00%3A00%3Blte%3A');
    expect(raw).toContain('PageSize=100');
    expect(raw).toContain('SortBy=DateCreated%3Aasc');
    expect(seen[0]!.url.pathname).toBe(`/v1/Accounts/${sim.accountSid}/Calls.json`);
    expect(sim.windowsAsked.at(-1)).toMatch(/;lte:2026-11-24 11:59:59$/);
  });

  test('a window of 70 days is asked for in pieces of at most 28 days, and listed exactly', async () => {
    const { sim, provider } = await start({ calls: 300, days: 75 }, { concurrency: 1 });
    const from = testNow - 70 * dayMs;
    const calls = await list(provider, from, testNow);
    expect(sorted(calls.map((call) => call.id))).toEqual(
      sorted(sim.calls({ from: new Date(from), to: new Date(testNow) }).map((call) => call.id)),
    );
    expect(sim.windowsAsked.length).toBeGreaterThanOrEqual(3);
    for (const asked of sim.windowsAsked) {
      const [, gte, lte] = /^gte:(.+);lte:(.+)$/.exec(asked)!;
      const span =
        Date.parse(`${lte!.replace(' ', 'T')}Z`) - Date.parse(`${gte!.replace(' ', 'T')}Z`);
      expect(span).toBeLessThan(exotelMaxWindowDays * dayMs);
    }
  });

  test('follows Metadata.NextPageUri across pages of a small PageSize', async () => {
    const { sim, provider } = await start({ calls: 120 }, { pageSize: 7, concurrency: 1 });
    const from = testNow - 3 * dayMs;
    const calls = await list(provider, from, testNow);
    const truth = sim.calls({ from: new Date(from), to: new Date(testNow) });
    expect(calls.map((call) => call.id)).toEqual(truth.map((call) => call.id));
    expect(sim.requestCount).toBeGreaterThan(truth.length / 7);
  });

  test('a timeZone setting asks and reads in that zone', async () => {
    const { sim, provider } = await start(
      { calls: 60, timeZone: 'Asia/Singapore' },
      { timeZone: 'Asia/Singapore', concurrency: 1 },
    );
    const from = Date.parse('2026-11-23T06:30:00Z');
    const calls = await list(provider, from, testNow);
    expect(sim.windowsAsked[0]).toMatch(/^gte:2026-11-23 14:30:00;/);
    expect(sorted(calls.map((call) => call.id))).toEqual(
      sorted(sim.calls({ from: new Date(from), to: new Date(testNow) }).map((call) => call.id)),
    );
  });

  test('calls in progress are not listed (Exotel leaves them out until they end)', async () => {
    const { sim, provider } = await start({ calls: 30, inProgressCalls: 4 });
    const calls = await list(provider, testNow - dayMs, testNow);
    const live = sim.allCalls().filter((call) => call.exotelStatus === 'in-progress');
    expect(live).toHaveLength(4);
    const ids = new Set(calls.map((call) => call.id));
    for (const call of live) expect(ids.has(call.id)).toBe(false);
  });
});

describe('windows Exotel cannot serve are refused before any request', () => {
  test('older than 180 days, by the injected clock', async () => {
    const { sim, provider } = await start({ calls: 5 });
    const from = testNow - 181 * dayMs;
    const error = await list(provider, from, from + dayMs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toMatch(/180 days/);
    expect(sim.requestCount).toBe(0);
  });

  test('the same window is fine for a clock 2 days earlier', async () => {
    const { sim } = await start({ calls: 5 });
    const provider = createExotel({
      accountSid: sim.accountSid,
      apiKey: sim.apiKey,
      apiToken: sim.apiToken,
      baseUrl: sim.url,
      now: () => new Date(testNow - 2 * dayMs),
      transport: fast,
    });
    const from = testNow - 181 * dayMs;
    await expect(list(provider, from, from + dayMs)).resolves.toEqual([]);
  });
});

describe('faults', () => {
  test.each([1, 8])(
    'a window is listed exactly as the truth under 10%% random faults, concurrency %i',
    async (concurrency) => {
      let seed = 7;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const { sim, provider } = await start(
        {
          calls: 600,
          faultRate: 0.1,
          random,
          faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'rate-limited'],
        },
        {
          concurrency,
          pageSize: 20,
          transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 8 } },
        },
      );
      const from = testNow - 3 * dayMs;
      const calls = await list(provider, from, testNow);
      const ids = calls.map((call) => call.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(sorted(ids)).toEqual(
        sorted(sim.calls({ from: new Date(from), to: new Date(testNow) }).map((call) => call.id)),
      );
      const produced = [...sim.faults.produced.values()].reduce((sum, count) => sum + count, 0);
      expect(produced).toBeGreaterThan(0);
    },
  );

  test('a NextPageUri to another host is not followed (credentials stay home)', async () => {
    const server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          Metadata: { NextPageUri: 'https://elsewhere.example/v1/Accounts/sid/Calls.json?After=x' },
          Calls: [],
        }),
      );
    });
    try {
      const provider = createExotel({
        accountSid: 'sid',
        apiKey: 'key',
        apiToken: 'token',
        baseUrl: server.url,
        concurrency: 1,
        now: () => new Date(testNow),
        transport: fast,
      });
      await expect(list(provider, testNow - dayMs, testNow)).rejects.toBeInstanceOf(
        ResponseValidationError,
      );
    } finally {
      await server.close();
    }
  });
});

describe('the 200-requests-a-minute budget', () => {
  test('kept by the client: no 429 from a simulator counting the same budget', async () => {
    // The client's window a little longer than the server's, as the default budget's margin does.
    const { sim, provider } = await start(
      // Windows long enough that a request a loaded machine holds back for most of a second
      // (a clock run: nine processes on two cores) still lands outside the simulator's window.
      { calls: 60, rateLimit: { limit: 5, intervalMs: 750 } },
      { rateLimit: { limit: 5, intervalMs: 1_500 }, pageSize: 10, concurrency: 2 },
    );
    const calls = await list(provider, testNow - 3 * dayMs, testNow);
    expect(calls.length).toBe(
      sim.calls({ from: new Date(testNow - 3 * dayMs), to: new Date(testNow) }).length,
    );
    expect(sim.requestCount).toBeGreaterThan(5);
    expect(sim.rateLimitedCount).toBe(0);
  });

  test("without it, Exotel's 429 is waited out and the listing completes", async () => {
    const { sim, provider } = await start(
      // No Retry-After (the header is unverified): the transport's backoff.
      // One request at a time: two would race for each freed slot, and the one whose backoff
      // has grown loses to the one just granted, retry after retry.
      { calls: 60, rateLimit: { limit: 3, intervalMs: 500 }, retryAfterSeconds: undefined },
      {
        rateLimit: false,
        pageSize: 10,
        concurrency: 1,
        transport: { retry: { baseDelayMs: 50, maxDelayMs: 200, maxRetries: 20 } },
      },
    );
    const calls = await list(provider, testNow - 3 * dayMs, testNow);
    expect(calls.length).toBe(
      sim.calls({ from: new Date(testNow - 3 * dayMs), to: new Date(testNow) }).length,
    );
    expect(sim.rateLimitedCount).toBeGreaterThan(0);
  });

  test('the simulator answers the 201st request of a minute with a 429 RestException', async () => {
    simulator = await ExotelSimulator.start({ calls: 1, now: testNow });
    const sim = simulator;
    const authorization = `Basic ${Buffer.from(`${sim.apiKey}:${sim.apiToken}`).toString('base64')}`;
    const url = `${sim.url}/v1/Accounts/${sim.accountSid}/Calls.json?PageSize=1`;
    for (let index = 0; index < 200; index++) {
      const answer = await fetch(url, { headers: { authorization } });
      expect(answer.status).toBe(200);
    }
    const refused = await fetch(url, { headers: { authorization } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('0');
    expect(await refused.json()).toMatchObject({
      RestException: { Status: 429, Code: 'RATE_LIMIT_EXCEEDED' },
    });
  });
});

describe('getCall', () => {
  test('a known SID maps; an unknown one is null; a malformed one is refused before sending', async () => {
    const { sim, provider } = await start({ calls: 20 });
    const known = sim.calls()[0]!;
    const call = await provider.getCall(known.id);
    expect(call?.id).toBe(known.id);
    expect(call?.raw).toEqual(known.record);
    expect(await provider.getCall('0'.repeat(32))).toBeNull();
    const before = sim.requestCount;
    await expect(provider.getCall('not-a-sid')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sim.requestCount).toBe(before);
  });

  test('a wrong account SID is a NotFound for listings', async () => {
    const { sim } = await start({ calls: 5 });
    const provider = createExotel({
      accountSid: 'someoneelse',
      apiKey: sim.apiKey,
      apiToken: sim.apiToken,
      baseUrl: sim.url,
      now: () => new Date(testNow),
      transport: fast,
    });
    await expect(list(provider, testNow - dayMs, testNow)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('settings', () => {
  test('region picks the host; baseUrl replaces it', () => {
    expect(exotelBaseUrl({})).toBe('https://api.exotel.com');
    expect(exotelBaseUrl({ region: 'singapore' })).toBe('https://api.exotel.com');
    expect(exotelBaseUrl({ region: 'mumbai' })).toBe('https://api.in.exotel.com');
    expect(exotelBaseUrl({ region: 'mumbai', baseUrl: 'http://127.0.0.1:1' })).toBe(
      'http://127.0.0.1:1',
    );
  });

  const valid = { accountSid: 'acme1', apiKey: 'key', apiToken: 'token' };
  test.each([
    ['a region of its own', { region: 'frankfurt' }],
    ['a page over 100', { pageSize: 101 }],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }],
    ['a currency in lower case', { currency: 'inr' }],
    ['no token', { apiToken: '' }],
    ['a key with a newline', { apiKey: 'key\n' }],
    ['a SID with a slash', { accountSid: 'a/b' }],
    ['an unknown setting', { token: 'x' }],
    ['plain http to a remote host', { baseUrl: 'http://api.exotel.com' }],
  ])('%s is an InvalidRequestError at creation', (_name, change) => {
    expect(() => createExotel({ ...valid, ...change } as ExotelSettings)).toThrow(
      InvalidRequestError,
    );
  });
});

describe('interpretExotelResponse: every documented error', () => {
  // As the transport builds it: `Retry-After` read once by core, on a fixed clock.
  const context = (
    statusCode: number,
    body: unknown = undefined,
    headers: Record<string, string> = {},
  ) => ({
    statusCode,
    headers,
    body,
    retryAfterMs: parseRetryAfterMs(headers['retry-after'], new Date('2026-01-01T00:00:00Z')),
    provider: 'exotel',
    endpoint: 'GET /v1/Accounts/{sid}/Calls.json',
  });
  test.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [402, ProviderError],
    [403, AuthenticationError],
    [404, NotFoundError],
    [409, InvalidRequestError],
    [429, RateLimitedError],
  ] as const)('HTTP %i', (status, type) => {
    const error = interpretExotelResponse(
      context(status, { RestException: { Status: status, Message: 'said by Exotel' } }),
    );
    expect(error).toBeInstanceOf(type);
    expect(error?.message).toContain('said by Exotel');
  });

  test('402 is not retried; 5xx are left to the transport', () => {
    expect(interpretExotelResponse(context(402))?.retryable).toBe(false);
    for (const status of [500, 502, 503])
      expect(interpretExotelResponse(context(status))).toBeUndefined();
    expect(interpretExotelResponse(context(200, { Calls: [] }))).toBeUndefined();
  });

  test('Retry-After in seconds is honoured; none leaves the backoff to the transport', () => {
    const said = interpretExotelResponse(context(429, undefined, { 'retry-after': '30' }));
    expect((said as RateLimitedError).retryAfterMs).toBe(30_000);
    const silent = interpretExotelResponse(context(429));
    expect((silent as RateLimitedError).retryAfterMs).toBeUndefined();
  });

  test('a RestException in a 200 is an error too', () => {
    expect(
      interpretExotelResponse(context(200, { RestException: { Status: 401, Message: 'no' } })),
    ).toBeInstanceOf(AuthenticationError);
    expect(
      interpretExotelResponse(context(200, { RestException: { Message: 'odd' } })),
    ).toBeInstanceOf(ProviderError);
  });
});
