import { afterEach, describe, expect, test } from 'vitest';
import type { Call } from '../call.js';
import { InvalidRequestError, ResponseValidationError } from '../errors/index.js';
import { Secret } from '../provider-utils.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import type { TransportEvent } from '../transport/transport-event.js';
import { createCallProvider, type ProviderKitSettings } from './create-call-provider.js';
import type { ListingSource } from './listing-source.js';
import { unreadableRecord } from './unreadable-record.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const from = Date.UTC(2026, 10, 1);
const window = { from: new Date(from), to: new Date(from + 3_600_000) };

function call(id: string, startedAt: number, extra: Partial<Call> = {}): Call {
  return {
    id,
    provider: 'acme',
    direction: 'outbound',
    status: 'answered',
    startedAt: new Date(startedAt),
    durations: {},
    notes: [],
    raw: { id },
    ...extra,
  };
}

/**
 * A server whose pages are given per endpoint, with a count of requests in flight; and a
 * provider with one page-number source per endpoint.
 */
async function start(
  pages: Record<string, Call[][]>,
  settings: ProviderKitSettings = {},
  options: {
    delayMs?: number;
    /**
     * Hold each request until this many are in flight (or a second has passed), so that
     * requests sent at once are seen at once however slow the machine: a fixed delay
     * let a loaded machine's requests arrive one after another.
     */
    holdUntil?: number;
    retentionDays?: number;
    getCall?: (id: string) => Call | null;
  } = {},
) {
  let inFlight = 0;
  let maxInFlight = 0;
  let release: (() => void)[] = [];
  const events: TransportEvent[] = [];
  server = await startTestServer(async (request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (options.holdUntil !== undefined) {
      if (inFlight >= options.holdUntil) {
        for (const wake of release) wake();
        release = [];
      } else {
        await new Promise<void>((resolve) => {
          release.push(resolve);
          setTimeout(resolve, 1000);
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
    inFlight--;
    const url = new URL(request.url ?? '/', 'http://x');
    response.end(JSON.stringify({ page: url.searchParams.get('page') }));
  });
  const sources = Object.entries(pages).map(
    ([endpoint, endpointPages]): ListingSource => ({
      paging: 'page-number',
      endpoint,
      directions: ['outbound'],
      statuses: ['answered'],
      pageSize: 2,
      fetchPage: async ({ page, signal }) => {
        await provider.context.http.requestJson({
          method: 'GET',
          path: '/',
          query: { page },
          signal,
        });
        const total = endpointPages.reduce((sum, items) => sum + items.length, 0);
        return { total, calls: endpointPages[page - 1] ?? [] };
      },
    }),
  );
  const provider = Object.assign(
    createCallProvider({
      provider: 'acme',
      name: 'acme:main',
      baseUrl: server.url,
      // A `Secret`, as a provider author may give it: the kit's entry exports the type.
      secrets: [new Secret('SECRET-TOKEN-1')],
      settings: {
        ...settings,
        transport: { onEvent: (event) => events.push(event), retry: false },
      },
      ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
      sources: () => sources,
      ...(options.getCall
        ? {
            getCall: {
              idPattern: /^\d+$/,
              idDescription: 'numeric',
              fetch: async (id: string) => options.getCall!(id),
            },
          }
        : {}),
      extend: (context) => ({ context }),
    }),
  );
  return { provider, events, maxInFlight: () => maxInFlight };
}

async function collect(calls: AsyncIterable<Call>) {
  const result: Call[] = [];
  for await (const item of calls) result.push(item);
  return result;
}

describe('createCallProvider', () => {
  test('fetches the first pages of every endpoint at once, and never more than `concurrency` in flight', async () => {
    const one = (prefix: string) => [[call(`${prefix}1`, from)]];
    const { provider, maxInFlight } = await start(
      { a: one('a'), b: one('b'), c: one('c') },
      { concurrency: 3 },
      { holdUntil: 3 },
    );
    const calls = await collect(provider.listCalls(window));
    expect(calls.map((item) => item.id)).toEqual(['a1', 'b1', 'c1']);
    // Three endpoints of one page each: one round, not three.
    expect(maxInFlight()).toBe(3);

    const many = (prefix: string) =>
      Array.from({ length: 6 }, (_, page) => [
        call(`${prefix}${page}a`, from),
        call(`${prefix}${page}b`, from),
      ]);
    const capped = await start({ a: many('a'), b: many('b'), c: many('c') }, { concurrency: 2 });
    expect(await collect(capped.provider.listCalls(window))).toHaveLength(36);
    expect(capped.maxInFlight()).toBeLessThanOrEqual(2);
  });

  test('drops records outside the window, and says so', async () => {
    const { provider, events } = await start({
      a: [[call('in', from + 10), call('before', from - 1)], [call('after', from + 3_600_001)]],
    });
    expect((await collect(provider.listCalls(window))).map((item) => item.id)).toEqual(['in']);
    const dropped = events.filter((event) => event.type === 'record-dropped');
    expect(dropped.map((event) => event.type === 'record-dropped' && event.id)).toEqual([
      'before',
      'after',
    ]);
    expect(dropped[0]).toMatchObject({
      instance: 'acme:main',
      endpoint: 'a',
      reason: 'outside-window',
    });
  });

  test.each([
    [
      'an invalid start',
      { startedAt: new Date(Number.NaN) },
      'call x.startedAt: expected a valid date',
    ],
    [
      'a start past 2100',
      { startedAt: new Date(8.64e15) },
      'call x.startedAt: expected a date between 2000 and 2100',
    ],
    [
      'an end before the start',
      { endedAt: new Date(from - 1000) },
      'call x.endedAt: expected an end at or after the start',
    ],
    [
      'a duration of 1e300',
      { durations: { totalSeconds: 1e300 } },
      'call x.durations.totalSeconds',
    ],
    ['a NaN cost', { cost: { amount: Number.NaN } }, 'call x.cost.amount'],
  ] as const)(
    'a record with %s is kept out and reported with its raw form; the rest is listed',
    async (_name, extra, path) => {
      const { provider, events } = await start({
        a: [
          [call('x', from + 5, extra as Partial<Call>), call('y', from + 6)],
          [call('z', from + 7)],
        ],
      });
      const calls = await collect(provider.listCalls(window));
      expect(calls.map((item) => item.id)).toEqual(['y', 'z']);
      const rejected = events.filter((event) => event.type === 'record-rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ id: 'x', instance: 'acme:main', endpoint: 'a' });
      expect(rejected[0]!.type === 'record-rejected' && rejected[0]!.raw).toEqual({ id: 'x' });
      expect(rejected[0]!.type === 'record-rejected' && rejected[0]!.message).toContain(
        path.replace('call x.', ''),
      );
    },
  );

  test('a record a source could not map (a stand-in) is reported with its problem and redacted raw, once per id', async () => {
    const standIn = () =>
      unreadableRecord(
        'acme',
        { id: 'bad', note: 'SECRET-TOKEN-1' },
        { id: 'bad', issues: [{ path: 'calls[0].start', message: 'expected a date-time' }] },
      );
    const { provider, events } = await start({
      a: [[standIn(), call('ok', from + 1)], [standIn()]],
    });
    expect((await collect(provider.listCalls(window))).map((item) => item.id)).toEqual(['ok']);
    const rejected = events.filter((event) => event.type === 'record-rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      id: 'bad',
      issues: [{ path: 'calls[0].start', message: 'expected a date-time' }],
      raw: { id: 'bad', note: '[REDACTED]' },
    });
  });

  test('keeps every string of a Call free of the secrets, in every form', async () => {
    const leaky = call('x', from + 5, {
      to: { kind: 'phone', raw: '+919876543210', name: 'SECRET-TOKEN-1' },
      notes: [{ text: `see ${JSON.stringify('SECRET-TOKEN-1')}` }],
      raw: { url: `https://r.invalid/?k=${encodeURIComponent('SECRET-TOKEN-1')}` },
    });
    const { provider } = await start({ a: [[leaky]] });
    const [scrubbed] = await collect(provider.listCalls(window));
    expect(JSON.stringify(scrubbed)).not.toContain('SECRET-TOKEN-1');
    expect(scrubbed!.to!.name).toBe('[REDACTED]');
  });

  test('refuses a window beyond the retention before any request', async () => {
    const { provider } = await start(
      { a: [[]] },
      { now: () => new Date(from + 20 * 86_400_000) },
      { retentionDays: 15 },
    );
    const error = await collect(provider.listCalls(window)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain('keeps calls for 15 days');
    expect(server!.requestCount).toBe(0);
  });

  test('getCall: checks the id before asking, and the answer against the id', async () => {
    const { provider } = await start(
      {},
      {},
      { getCall: (id) => (id === '7' ? call('8', from) : id === '9' ? null : call(id, from)) },
    );
    await expect(provider.getCall('abc')).rejects.toThrow('a call id must be numeric');
    await expect(provider.getCall('')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(await provider.getCall('9')).toBeNull();
    expect((await provider.getCall('5'))?.id).toBe('5');
    const error = await provider.getCall('7').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(String(error)).toContain('asked for call 7, the answer holds call 8');
  });

  test('errors and events name the instance, not only the provider', async () => {
    const { provider, events } = await start({ a: [[call('x', from + 5)]] });
    await collect(provider.listCalls(window));
    expect(events.find((event) => event.type === 'request')).toMatchObject({
      provider: 'acme',
      instance: 'acme:main',
    });
    const error = await collect(provider.listCalls({ from: window.to, to: window.from })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
  });
});

describe('createCallProvider, cursor sources', () => {
  /** A cursor API over `calls` (sorted): pages of `pageSize` within the asked window. */
  function cursorProvider(calls: Call[], source: Partial<ListingSource>, concurrency: number) {
    const windows: { from: number; to: number }[] = [];
    let fetched = 0;
    const page = (subWindow: { from: Date; to: Date }, offset: number, pageSize: number) => {
      fetched++;
      const inWindow = calls.filter(
        (item) =>
          item.startedAt.getTime() >= subWindow.from.getTime() &&
          item.startedAt.getTime() <= subWindow.to.getTime(),
      );
      const next = offset + pageSize < inWindow.length ? offset + pageSize : undefined;
      return { calls: inWindow.slice(offset, offset + pageSize), next };
    };
    const pageSize = (source as { pageSize?: number }).pageSize ?? 1;
    const provider = createCallProvider({
      provider: 'acme',
      name: 'acme:cursor',
      baseUrl: 'http://127.0.0.1:9',
      secrets: [],
      settings: { concurrency },
      sources: () => [
        {
          paging: 'cursor',
          endpoint: 'calls',
          directions: ['outbound'],
          statuses: ['answered'],
          ...source,
          fetchFirst: async ({ window: subWindow }) => {
            windows.push({ from: subWindow.from.getTime(), to: subWindow.to.getTime() });
            return page(subWindow, 0, pageSize);
          },
          fetchNext: async (cursor, { window: subWindow }) =>
            page(subWindow, cursor as number, pageSize),
        } as ListingSource,
      ],
    });
    return { provider, windows, fetched: () => fetched };
  }
  const spread = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      call(`c${String(index).padStart(3, '0')}`, from + Math.floor((index * 3_600_000) / count)),
    );

  test('no sub-window is longer than the API allows, and every call comes once, in order', async () => {
    const calls = spread(60);
    const { provider, windows } = cursorProvider(
      calls,
      { slicing: { minimumMs: 1000, maximumMs: 600_000 } },
      1,
    );
    const listed = await collect(provider.listCalls(window));
    expect(listed.map((item) => item.id)).toEqual(calls.map((item) => item.id));
    // An hour and a millisecond (both ends inclusive) in pieces of at most ten minutes.
    expect(windows.length).toBe(7);
    for (const piece of windows) expect(piece.to - piece.from + 1).toBeLessThanOrEqual(600_000);
  });

  test('the chains after the one being read run ahead of it, not two pages and stop', async () => {
    const calls = spread(32);
    // Concurrency 2: four chains of eight one-call pages each.
    const { provider, fetched } = cursorProvider(calls, { pageSize: 1 }, 2);
    const iterator = provider.listCalls(window)[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.id).toBe('c000');
    // The reader holds still: the other chains go on fetching until each has its whole
    // chain (well within the read-ahead's records), where two pages each would stop at ~12.
    for (let turn = 0; turn < 1000 && fetched() < 32; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    expect(fetched()).toBe(32);
    const rest: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest.push(next.value.id);
    expect(rest).toEqual(calls.slice(1).map((item) => item.id));
  });
});

describe('createCallProvider, several endpoints', () => {
  test("a later endpoint's pages are fetched while an earlier endpoint is read, within a bound", async () => {
    const asked: string[] = [];
    const pagesOf = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, page) => [
        call(`${prefix}${page}a`, from + page),
        call(`${prefix}${page}b`, from + page),
      ]);
    const pages: Record<string, Call[][]> = { a: pagesOf('a', 6), b: pagesOf('b', 20) };
    const provider = createCallProvider({
      provider: 'acme',
      name: 'acme:endpoints',
      baseUrl: 'http://127.0.0.1:9',
      secrets: [],
      settings: { concurrency: 2 },
      sources: () =>
        Object.entries(pages).map(
          ([endpoint, endpointPages]): ListingSource => ({
            paging: 'page-number',
            endpoint,
            directions: ['outbound'],
            statuses: ['answered'],
            pageSize: 2,
            fetchPage: async ({ page }) => {
              asked.push(`${endpoint}${page}`);
              return { total: endpointPages.length * 2, calls: endpointPages[page - 1] ?? [] };
            },
          }),
        ),
    });
    const iterator = provider.listCalls(window)[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.id).toBe('a0a');
    for (let turn = 0; turn < 200; turn++) await new Promise((resolve) => setImmediate(resolve));
    // While `a` is read, `b` went further than its first page and the pages the paginator
    // starts with it (1 + concurrency: what it asks for before yielding anything), but not
    // to its end: its buffer holds one round of pages (concurrency 2 × 2 calls).
    const askedOfB = asked.filter((page) => page.startsWith('b')).length;
    expect(askedOfB).toBeGreaterThan(3);
    expect(askedOfB).toBeLessThan(10);
    const rest: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest.push(next.value.id);
    expect(rest).toHaveLength(6 * 2 + 20 * 2 - 1);
    expect(rest.slice(11, 13)).toEqual(['b0a', 'b0b']);
  });
});
