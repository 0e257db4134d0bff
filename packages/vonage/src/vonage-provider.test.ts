import { type Call, InvalidRequestError, ResponseValidationError } from '@cdr/core';
import { collect, seededRandom, startTestServer } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { VonageSimulator } from './testing/vonage-simulator.js';
import { unknownVonagePrivateKey } from './testing/vonage-test-keys.js';
import { createVonage, type VonageSettings } from './vonage-provider.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const now = () => new Date(testNow);
const window = { from: new Date(testNow - 2 * 86_400_000 + 60_000), to: new Date(testNow) };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
let simulator: VonageSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

function provider(sim: VonageSimulator, settings: Partial<VonageSettings> = {}) {
  return createVonage({
    applicationId: sim.applicationId,
    privateKey: sim.privateKey,
    baseUrl: sim.url,
    now,
    transport: fast,
    ...settings,
  });
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('listing', () => {
  test.each([1, 8])(
    'lists exactly the ground truth under 10 percent random faults (429s included), concurrency %i',
    async (concurrency) => {
      simulator = await VonageSimulator.start({
        calls: 2000,
        now: testNow,
        faultRate: 0.1,
        faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'rate-limited'],
        random: seededRandom(concurrency),
      });
      const vonage = provider(simulator, {
        concurrency,
        pageSize: 20,
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } },
      });
      const ids = (await collect(vonage.listCalls(window))).map((call) => call.id);
      const truth = simulator.calls(window).map((call) => call.id);
      expect(ids.length).toBe(truth.length);
      expect(new Set(ids)).toEqual(new Set(truth));
      const faults = [...simulator.faults.produced.values()].reduce((a, b) => a + b, 0);
      expect(faults, JSON.stringify([...simulator.faults.produced])).toBeGreaterThan(3);
      expect(simulator.faults.produced.get('rate-limited') ?? 0).toBeGreaterThan(0);
      await vonage.close?.();
    },
    90_000,
  );

  test('a backfill at concurrency 8 keeps the documented 15 requests a second: no 429 from the budget', async () => {
    // The simulator counts 15 in a shorter window than the client's documented second (and
    // its margin), as the other providers' budget tests do: a request a loaded machine holds
    // back must not count against the client, while a client that kept no budget would
    // still send several times too many.
    simulator = await VonageSimulator.start({
      calls: 1200,
      now: testNow,
      rateLimit: { limit: 15, intervalMs: 500 },
    });
    const vonage = provider(simulator, { concurrency: 8, pageSize: 20 });
    const calls = await collect(vonage.listCalls(window));
    expect(calls.length).toBe(simulator.calls(window).length);
    expect(simulator.requestCount).toBeGreaterThan(15);
    expect(simulator.rateLimitedCount).toBe(0);
    await vonage.close?.();
  }, 60_000);

  test('without a budget of its own, the simulator’s 429s are waited out after its Retry-After', async () => {
    simulator = await VonageSimulator.start({
      calls: 200,
      now: testNow,
      rateLimit: { limit: 3, intervalMs: 2000 },
      retryAfterSeconds: 2,
    });
    const events: { type: string; delayMs?: number }[] = [];
    const vonage = provider(simulator, {
      concurrency: 1,
      pageSize: 5,
      rateLimit: false,
      transport: {
        retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 5 },
        onEvent: (event) => events.push(event as { type: string; delayMs?: number }),
      },
    });
    const narrow = { from: new Date(testNow - 6 * 3_600_000), to: new Date(testNow) };
    const calls = await collect(vonage.listCalls(narrow));
    expect(calls.map((call) => call.id).sort()).toEqual(
      simulator
        .calls(narrow)
        .map((call) => call.id)
        .sort(),
    );
    expect(simulator.rateLimitedCount).toBeGreaterThan(0);
    const retries = events.filter((event) => event.type === 'retry');
    expect(retries.length).toBe(simulator.rateLimitedCount);
    // The header's 2 s, not the 1 to 5 ms backoff the test configures.
    expect(retries.every((event) => (event.delayMs ?? 0) >= 1900)).toBe(true);
    await vonage.close?.();
  }, 30_000);

  test('asks date_start/date_end in UTC seconds (widened by one), page_size, order=asc; follows record_index from _links.next with the filters sent again', async () => {
    simulator = await VonageSimulator.start({ calls: 300, now: testNow });
    const urls: URL[] = [];
    simulator.onRequest = (_number, request) => urls.push(request.url);
    const from = new Date('2026-11-23T10:00:00.250Z');
    const to = new Date('2026-11-24T04:00:00.500Z');
    const vonage = provider(simulator, { concurrency: 1, pageSize: 10 });
    const calls = await collect(vonage.listCalls({ from, to }));
    expect(calls.map((call) => call.id).sort()).toEqual(
      simulator
        .calls({ from, to })
        .map((call) => call.id)
        .sort(),
    );
    const starts = urls.map((url) => url.searchParams.get('date_start'));
    const ends = urls.map((url) => url.searchParams.get('date_end'));
    expect(starts).toContain('2026-11-23T09:59:59Z');
    expect(ends).toContain('2026-11-24T04:00:01Z');
    expect(urls.every((url) => url.searchParams.get('page_size') === '10')).toBe(true);
    expect(urls.every((url) => url.searchParams.get('order') === 'asc')).toBe(true);
    const followed = urls.filter((url) => url.searchParams.get('record_index') !== '0');
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every((url) => url.searchParams.get('date_start') !== null)).toBe(true);
    await vonage.close?.();
  });

  test('each request carries an RS256 application JWT with the SDK’s claims, on the injected clock', async () => {
    simulator = await VonageSimulator.start({ calls: 20, now: testNow });
    const tokens: string[] = [];
    simulator.onRequest = (_number, request) =>
      tokens.push(String(request.headers.authorization ?? ''));
    const vonage = provider(simulator);
    await collect(vonage.listCalls(window));
    const [header, claims] = tokens[0]!.replace(/^Bearer /, '').split('.');
    expect(decode(header!)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const body = decode(claims!);
    expect(Object.keys(body).sort()).toEqual(['application_id', 'exp', 'iat', 'jti']);
    expect(body.application_id).toBe(simulator.applicationId);
    expect(body.iat).toBe(testNow / 1000);
    expect(body.exp - body.iat).toBe(900);
    await vonage.close?.();
  });

  test('legs of one conversation share conversationUuid; an agent leg names its app user', async () => {
    simulator = await VonageSimulator.start({ calls: 300, now: testNow });
    const vonage = provider(simulator);
    const calls = await collect(vonage.listCalls(window));
    const agentLegs = calls.filter((call) => call.agent !== undefined);
    expect(agentLegs.length).toBeGreaterThan(0);
    const byConversation = new Map<string, number>();
    for (const call of calls) {
      const key = call.providerFields?.conversationUuid ?? '';
      byConversation.set(key, (byConversation.get(key) ?? 0) + 1);
    }
    for (const leg of agentLegs) {
      expect(leg.direction).toBe('outbound');
      expect(byConversation.get(leg.providerFields!.conversationUuid!)).toBe(2);
    }
    await vonage.close?.();
  });

  test('a window older than the leg persistence time is refused before any request; retentionDays widens it', async () => {
    simulator = await VonageSimulator.start({ calls: 20, now: testNow });
    const old = { from: new Date(testNow - 5 * 86_400_000), to: new Date(testNow) };
    const vonage = provider(simulator);
    await expect(collect(vonage.listCalls(old))).rejects.toBeInstanceOf(InvalidRequestError);
    expect(simulator.requestCount).toBe(0);
    const kept = provider(simulator, { retentionDays: 31 });
    await collect(kept.listCalls(old));
    expect(simulator.requestCount).toBeGreaterThan(0);
    await vonage.close?.();
    await kept.close?.();
  });

  test('a next link that does not move forward is refused, not followed forever', async () => {
    const key = unknownVonagePrivateKey();
    let requests = 0;
    const server = await startTestServer((_request, response) => {
      requests++;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          count: 5,
          page_size: 1,
          record_index: 0,
          _embedded: { calls: [] },
          _links: { next: { href: '/v1/calls?page_size=1&record_index=0' } },
        }).replace(
          '"calls":[]',
          `"calls":[${JSON.stringify({ uuid: 'a', status: 'completed', start_time: '2026-11-24T06:00:00.000Z' })}]`,
        ),
      );
    });
    try {
      const vonage = createVonage({
        applicationId: 'app',
        privateKey: key,
        baseUrl: server.url,
        now,
        concurrency: 1,
        transport: { retry: false },
      });
      const narrow = { from: new Date(testNow - 3_600_000), to: new Date(testNow) };
      await expect(collect(vonage.listCalls(narrow))).rejects.toBeInstanceOf(
        ResponseValidationError,
      );
      expect(requests).toBeLessThan(5);
      await vonage.close?.();
    } finally {
      await server.close();
    }
  });
});

describe('getCall', () => {
  test('a known leg equals the listed one; an unknown uuid is null', async () => {
    simulator = await VonageSimulator.start({ calls: 50, now: testNow });
    const vonage = provider(simulator);
    const listed = await collect(vonage.listCalls(window));
    const one = await vonage.getCall(listed[3]!.id);
    expect(one).toEqual(listed[3]);
    expect(await vonage.getCall('00000000-0000-4000-8000-000000000000')).toBeNull();
    await expect(vonage.getCall('../calls')).rejects.toBeInstanceOf(InvalidRequestError);
    await vonage.close?.();
  });
});

describe('settings', () => {
  test.each([
    [{ pageSize: 101 }, 'pageSize'],
    [{ privateKey: 'not a key' }, 'privateKey'],
    [{ applicationId: '' }, 'applicationId'],
    [{ currency: 'euro' }, 'currency'],
    [{ retentionDays: 32 }, 'retentionDays'],
    [{ tokenLifetimeSeconds: 10 }, 'tokenLifetimeSeconds'],
    [{ apiKey: 'x' }, 'apiKey'],
  ])('%j is refused at creation, naming %s', async (bad, name) => {
    simulator = await VonageSimulator.start({ calls: 1, now: testNow });
    const create = () => provider(simulator!, bad as Partial<VonageSettings>);
    expect(create).toThrow(InvalidRequestError);
    expect(create).toThrow(name);
    expect(simulator.requestCount).toBe(0);
  });

  test('the currency of price is a setting (EUR by default)', async () => {
    // Two providers of one account, each with its own limiter: the budget is not the point.
    simulator = await VonageSimulator.start({
      calls: 30,
      now: testNow,
      rateLimit: { limit: 1000, intervalMs: 1000 },
    });
    const euro = await collect(provider(simulator).listCalls(window));
    const dollars = await collect(provider(simulator, { currency: 'USD' }).listCalls(window));
    expect(euro.find((call) => call.cost)?.cost?.currency).toBe('EUR');
    expect(dollars.find((call) => call.cost)?.cost?.currency).toBe('USD');
  });
});
