import { afterEach, describe, expect, test } from 'vitest';
import type { CallWindow } from './call-provider.js';
import { ResponseValidationError } from './errors/index.js';
import { type ChainPage, paginateByCursor, splitWindow } from './paginate-by-cursor.js';
import { settledCount } from './testing/settled-count.js';
import { startTestServer, type TestServer } from './testing/test-server.js';
import { HttpClient } from './transport/http-client.js';

interface Item {
  id: string;
  at: number;
}

let server: TestServer | undefined;
let http: HttpClient | undefined;
afterEach(async () => {
  await http?.close();
  await server?.close();
  http = undefined;
  server = undefined;
});

const hour = 3_600_000;
const from = Date.UTC(2026, 10, 1);

/**
 * A cursor-paged API on a real server: newest first, `from`/`to` filters (inclusive, to the
 * second, as a coarse API would: an item on the edge second is returned for both sides),
 * `next` as an opaque token, a few ms of latency, and a count of requests in flight.
 */
async function cursorApi(items: Item[], pageSize = 5) {
  let inFlight = 0;
  let maxInFlight = 0;
  server = await startTestServer(async (request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 3));
    const url = new URL(request.url ?? '/', 'http://x');
    const start = Math.floor(Number(url.searchParams.get('from')) / 1000) * 1000;
    const end = Math.ceil(Number(url.searchParams.get('to')) / 1000) * 1000;
    const offset = Number(url.searchParams.get('after') ?? 0);
    const matching = items
      .filter((item) => item.at >= start && item.at <= end)
      .sort((a, b) => b.at - a.at);
    const page = matching.slice(offset, offset + pageSize);
    const more = offset + pageSize < matching.length;
    response.end(JSON.stringify({ items: page, next: more ? offset + pageSize : null }));
    inFlight--;
  });
  http = new HttpClient({ provider: 'acme', baseUrl: server.url });
  const client = http;
  const fetch = async (window: CallWindow, after: number | undefined, signal: AbortSignal) => {
    const body = (await client.requestJson({
      method: 'GET',
      path: '/calls',
      query: { from: window.from.getTime(), to: window.to.getTime(), after },
      signal,
    })) as { items: Item[]; next: number | null };
    return { items: body.items, next: body.next ?? undefined } satisfies ChainPage<Item, number>;
  };
  return {
    fetchFirst: ({ window, signal }: { window: CallWindow; signal: AbortSignal }) =>
      fetch(window, undefined, signal),
    fetchNext: (after: number, { window, signal }: { window: CallWindow; signal: AbortSignal }) =>
      fetch(window, after, signal),
    maxInFlight: () => maxInFlight,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of iterable) result.push(item);
  return result;
}

// 200 items over 20 hours, several exactly on the hour (the sub-window edges of 4 and 20
// slices), and some sharing an instant.
const items: Item[] = Array.from({ length: 200 }, (_, index) => ({
  id: `c${index}`,
  at:
    from +
    (index % 10 === 0 ? Math.floor(index / 10) * hour : index * 360_000 + (index % 7) * 1000),
}));
const window = { from: new Date(from), to: new Date(from + 20 * hour - 1) };

describe('paginateByCursor', () => {
  test('splitWindow covers the window exactly, in half-open spans', () => {
    const parts = splitWindow(window, 4, 1000);
    expect(parts).toHaveLength(4);
    expect(parts[0]!.from).toEqual(window.from);
    expect(parts.at(-1)!.to).toEqual(window.to);
    for (let index = 1; index < parts.length; index++) {
      expect(parts[index]!.from.getTime()).toBe(parts[index - 1]!.to.getTime() + 1);
    }
    // Never shorter than the minimum: a 10 s window in 1 s slices is at most 10 chains.
    expect(splitWindow({ from: new Date(0), to: new Date(9_999) }, 64, 1000)).toHaveLength(10);
    expect(splitWindow({ from: new Date(0), to: new Date(0) }, 8, 1000)).toHaveLength(1);
  });

  for (const slices of [1, 4, 20]) {
    test(`${slices} slice(s): every item of the window exactly once, nothing doubled at the edges`, async () => {
      const api = await cursorApi(items);
      const result = await collect(
        paginateByCursor({
          window,
          fetchFirst: api.fetchFirst,
          fetchNext: api.fetchNext,
          sliceKey: (item) => item.at,
          slices,
        }),
      );
      const ids = result.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(items.map((item) => item.id).sort());
      if (slices > 1) expect(api.maxInFlight()).toBeGreaterThan(1);
      else expect(api.maxInFlight()).toBe(1);
    });
  }

  test('sends no more requests when the reader leaves early', async () => {
    const api = await cursorApi(items, 2);
    for await (const _item of paginateByCursor({
      window,
      fetchFirst: api.fetchFirst,
      fetchNext: api.fetchNext,
      sliceKey: (item) => item.at,
      slices: 4,
      prefetch: 1,
    }))
      break;
    const requests = await settledCount(() => server!.requestCount);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server!.requestCount).toBe(requests);
    // Four chains, each at most a page and a half ahead: far from the 100 pages of the window.
    expect(requests).toBeLessThanOrEqual(12);
  });

  test('a cursor chain that repeats is a ResponseValidationError, not an endless loop', async () => {
    let requests = 0;
    const page = async (): Promise<ChainPage<Item, string>> => {
      requests++;
      return { items: [{ id: 'x', at: from }], next: 'same' };
    };
    const error = await collect(
      paginateByCursor({
        window,
        fetchFirst: page,
        fetchNext: page,
        sliceKey: (item) => item.at,
        context: { provider: 'acme', endpoint: 'GET /calls' },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(String(error)).toContain('repeats a cursor');
    expect(requests).toBe(2);
  });

  test('a chain of empty pages, each with a new cursor, is stopped long before maxPages', async () => {
    let requests = 0;
    const page = async (): Promise<ChainPage<Item, string>> => {
      requests++;
      return { items: [], next: `cursor-${requests}` };
    };
    const error = await collect(
      paginateByCursor({
        window,
        fetchFirst: page,
        fetchNext: page,
        sliceKey: (item) => item.at,
        context: { provider: 'acme', endpoint: 'GET /calls' },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(String(error)).toContain('makes no progress: 20 empty pages in a row');
    expect(requests).toBe(20);
  });

  test('empty pages between full ones are followed: only a run of them stops a chain', async () => {
    let requests = 0;
    const page = async (): Promise<ChainPage<Item, string>> => {
      requests++;
      if (requests >= 60) return { items: [{ id: `i${requests}`, at: from }], next: undefined };
      return {
        items: requests % 10 === 0 ? [{ id: `i${requests}`, at: from }] : [],
        next: `cursor-${requests}`,
      };
    };
    const items = await collect(
      paginateByCursor({ window, fetchFirst: page, fetchNext: page, sliceKey: (item) => item.at }),
    );
    expect(items.map((item) => item.id)).toEqual(['i10', 'i20', 'i30', 'i40', 'i50', 'i60']);
  });

  test('a failing chain fails the listing when its turn comes, after the chains before it', async () => {
    const api = await cursorApi(items);
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of paginateByCursor({
        window,
        fetchFirst: (request) =>
          request.slice === 2
            ? Promise.reject(new Error('slice 2 failed'))
            : api.fetchFirst(request),
        fetchNext: api.fetchNext,
        sliceKey: (item) => item.at,
        slices: 4,
      }))
        seen.push(item);
    })().catch((caught: unknown) => caught);
    expect(String(error)).toContain('slice 2 failed');
    const [first, second] = splitWindow(window, 4, 1000);
    expect(
      seen.every((item) => item.at >= first!.from.getTime() && item.at <= second!.to.getTime()),
    ).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
  });
});
