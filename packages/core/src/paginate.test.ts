import { afterEach, describe, expect, test } from 'vitest';
import { InvalidRequestError, ResponseValidationError } from './errors/index.js';
import { type Page, paginate } from './paginate.js';
import { FaultInjector } from './testing/fault-injector.js';
import { settledCount } from './testing/settled-count.js';
import { startTestServer, type TestServer } from './testing/test-server.js';
import { HttpClient } from './transport/http-client.js';
import type { ListingEvent } from './transport/transport-event.js';

interface Item {
  id: string;
}

let server: TestServer | undefined;
let http: HttpClient | undefined;
afterEach(async () => {
  await http?.close();
  await server?.close();
  http = undefined;
  server = undefined;
});

/** A paged API over `items` on a real server, with faults and a log of pages asked for. */
async function pagedApi(items: Item[], options: { delayMs?: number } = {}) {
  const injector = new FaultInjector({
    rateLimited: (response) => {
      response.writeHead(429, { 'retry-after': '0' });
      response.end();
    },
  });
  const requested: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  server = await startTestServer(async (_request, response, body) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (await injector.apply(response)) return;
      const { page, limit } = JSON.parse(body) as { page: number; limit: number };
      requested.push(page);
      response.end(
        JSON.stringify({
          total: items.length,
          items: items.slice((page - 1) * limit, page * limit),
        }),
      );
    } finally {
      inFlight--;
    }
  });
  http = new HttpClient({
    provider: 'acme',
    baseUrl: server.url,
    retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 4 },
  });
  const client = http;
  const fetchPage = async (page: number, signal: AbortSignal) =>
    (await client.requestJson({
      method: 'POST',
      path: '/',
      json: { page, limit: 10 },
      signal,
    })) as Page<Item>;
  return { injector, requested, fetchPage, maxInFlight: () => maxInFlight };
}

const makeItems = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: `c${index}` }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of iterable) result.push(item);
  return result;
}

describe('paginate', () => {
  test('yields every item once, in page order, with bounded concurrency', async () => {
    const items = makeItems(95);
    const api = await pagedApi(items, { delayMs: 5 });
    const result = await collect(
      paginate({ fetchPage: api.fetchPage, pageSize: 10, concurrency: 3 }),
    );
    expect(result).toEqual(items);
    expect([...api.requested].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(api.maxInFlight()).toBeLessThanOrEqual(3);
    expect(api.maxInFlight()).toBeGreaterThan(1);
  });

  test('handles an empty result and an exact multiple of the page size', async () => {
    const empty = await pagedApi([]);
    expect(await collect(paginate({ fetchPage: empty.fetchPage, pageSize: 10 }))).toEqual([]);
    expect(empty.requested).toEqual([1]);
    await http?.close();
    await server?.close();
    const exact = await pagedApi(makeItems(30));
    expect(await collect(paginate({ fetchPage: exact.fetchPage, pageSize: 10 }))).toHaveLength(30);
    // The last page the total allows came back full: one more is asked for, in case the
    // total is low (it comes back empty here). The price of never trusting a total.
    expect([...exact.requested].sort()).toEqual([1, 2, 3, 4]);
  });

  test('loses nothing and repeats nothing when pages fail and are retried', async () => {
    const items = makeItems(60);
    const api = await pagedApi(items);
    api.injector.inject('server-error', 2);
    api.injector.inject('connection-reset', 2);
    api.injector.inject('truncated-body', 1);
    api.injector.inject('rate-limited', 1);
    const result = await collect(
      paginate({ fetchPage: api.fetchPage, pageSize: 10, concurrency: 4 }),
    );
    expect(result).toEqual(items);
  });

  test('drops duplicates that page shifts produce', async () => {
    // Page 2 was fetched after two records were inserted ahead of it: its first two
    // records repeat the end of page 1.
    const pages: Record<number, Page<Item>> = {
      1: { total: 25, items: makeItems(10) },
      2: { total: 27, items: makeItems(20).slice(8, 18) },
      3: { total: 27, items: makeItems(27).slice(18, 27) },
    };
    const result = await collect(
      paginate({
        fetchPage: async (page) => pages[page]!,
        pageSize: 10,
        getId: (item: Item) => item.id,
      }),
    );
    expect(result.map((item) => item.id)).toEqual(makeItems(27).map((item) => item.id));
  });

  test('fetches the extra pages when the total grows during the listing', async () => {
    const fetched: number[] = [];
    const fetchPage = async (page: number): Promise<Page<Item>> => {
      fetched.push(page);
      const total = page === 1 ? 20 : 35;
      return { total, items: makeItems(35).slice((page - 1) * 10, page * 10) };
    };
    const result = await collect(paginate({ fetchPage, pageSize: 10, concurrency: 1 }));
    expect(result).toHaveLength(35);
    expect(fetched).toEqual([1, 2, 3, 4]);
  });

  test('a total of 1e15 with empty pages after it: refused at once, no flood of requests', async () => {
    const fetched: number[] = [];
    const fetchPage = async (page: number): Promise<Page<Item>> => {
      fetched.push(page);
      return { total: 1e15, items: page === 1 ? makeItems(10) : [] };
    };
    const error = await collect(
      paginate({ fetchPage, pageSize: 10, context: { provider: 'acme', endpoint: 'POST /cdr' } }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).path).toBe('total');
    expect(String(error)).toMatch(
      /\[acme\] POST \/cdr: the provider claims 1000000000000000 records/,
    );
    expect(fetched).toEqual([1]);
  });

  test('a believable total that lies high: the first empty or short page ends the listing, reported', async () => {
    for (const lastItems of [0, 4]) {
      const fetched = new Set<number>();
      const events: ListingEvent[] = [];
      const fetchPage = async (page: number): Promise<Page<Item>> => {
        fetched.add(page);
        const items = makeItems(30 + lastItems).slice((page - 1) * 10, page * 10);
        return { total: 50_000, items };
      };
      const result = await collect(
        paginate({
          fetchPage,
          pageSize: 10,
          concurrency: 4,
          onEvent: (event) => events.push(event),
        }),
      );
      expect(result).toHaveLength(30 + lastItems);
      // Page 4 is the first empty or short one; at most `concurrency` pages were in flight past it.
      expect(Math.max(...fetched)).toBeLessThanOrEqual(4 + 4);
      expect(events).toEqual([
        expect.objectContaining({
          type: 'total-mismatch',
          reason: 'short-page',
          stated: 50_000,
          received: 30 + lastItems,
        }),
      ]);
    }
  });

  test('a last page short of the total (count 30, page 2 empty) is reported, not ended in silence', async () => {
    const items = makeItems(20);
    const events: ListingEvent[] = [];
    const fetchPage = async (page: number): Promise<Page<Item>> => ({
      total: 30,
      items: items.slice((page - 1) * 20, page * 20),
    });
    const result = await collect(
      paginate({ fetchPage, pageSize: 20, onEvent: (event) => events.push(event) }),
    );
    expect(result).toHaveLength(20);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'total-mismatch',
        reason: 'short-page',
        stated: 30,
        received: 20,
      }),
    ]);
  });

  test('a total that lies low (10 of 30): pages are asked for until a short one, and it is reported', async () => {
    const items = makeItems(30);
    const events: ListingEvent[] = [];
    const fetchPage = async (page: number): Promise<Page<Item>> => ({
      total: 10,
      items: items.slice((page - 1) * 10, page * 10),
    });
    const result = await collect(
      paginate({ fetchPage, pageSize: 10, onEvent: (event) => events.push(event) }),
    );
    expect(result).toEqual(items);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'total-mismatch',
        reason: 'beyond-total',
        stated: 10,
        received: 30,
      }),
    ]);
  });

  test('exactly maxPages full pages whose total agrees are a complete listing, not a refused total', async () => {
    const items = makeItems(30);
    const asked: number[] = [];
    const fetchPage = async (page: number): Promise<Page<Item>> => {
      asked.push(page);
      return { total: 30, items: items.slice((page - 1) * 10, page * 10) };
    };
    expect(await collect(paginate({ fetchPage, pageSize: 10, maxPages: 3 }))).toEqual(items);
    expect(asked).toEqual([1, 2, 3]);
  });

  test('a full last page at maxPages with more records than the total stated is refused', async () => {
    const items = makeItems(30);
    const fetchPage = async (page: number): Promise<Page<Item>> => ({
      total: 25,
      items: items.slice((page - 1) * 10, page * 10),
    });
    await expect(collect(paginate({ fetchPage, pageSize: 10, maxPages: 3 }))).rejects.toThrow(
      ResponseValidationError,
    );
  });

  test('a shrinking total is reported: records were removed and offset paging may have skipped some', async () => {
    const events: ListingEvent[] = [];
    const fetchPage = async (page: number): Promise<Page<Item>> => ({
      total: page === 1 ? 30 : 29,
      items: makeItems(29).slice((page - 1) * 10, page * 10),
    });
    await collect(
      paginate({ fetchPage, pageSize: 10, concurrency: 1, onEvent: (event) => events.push(event) }),
    );
    expect(events).toEqual([
      expect.objectContaining({ type: 'total-changed', page: 2, previousTotal: 30, total: 29 }),
    ]);
  });

  test('a total that is no count is a ResponseValidationError', async () => {
    for (const total of [-1, 1.5, Number.NaN]) {
      const fetchPage = async (): Promise<Page<Item>> => ({ total, items: [] });
      await expect(collect(paginate({ fetchPage, pageSize: 10 }))).rejects.toBeInstanceOf(
        ResponseValidationError,
      );
    }
  });

  test('bad options are an InvalidRequestError before any request', async () => {
    let fetched = 0;
    const fetchPage = async (): Promise<Page<Item>> => {
      fetched++;
      return { total: 0, items: [] };
    };
    for (const options of [
      { concurrency: Number.NaN },
      { concurrency: 'abc' },
      { concurrency: 0 },
      { pageSize: 0 },
      { maxPages: -1 },
    ]) {
      await expect(
        collect(paginate({ fetchPage, pageSize: 10, ...(options as object) })),
        JSON.stringify(options),
      ).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(fetched).toBe(0);
  });

  test('sends no further request when the consumer leaves early', async () => {
    const api = await pagedApi(makeItems(500), { delayMs: 10 });
    let seen = 0;
    for await (const _item of paginate({
      fetchPage: api.fetchPage,
      pageSize: 10,
      concurrency: 2,
    })) {
      if (++seen === 15) break;
    }
    const requestsAtExit = await settledCount(() => server!.requestCount);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(server!.requestCount).toBe(requestsAtExit);
    expect(requestsAtExit).toBeLessThanOrEqual(4);
  });

  test('rejects with the abort reason and stops', async () => {
    const api = await pagedApi(makeItems(500), { delayMs: 5 });
    const controller = new AbortController();
    const reason = new Error('enough');
    const iterate = async () => {
      let seen = 0;
      for await (const _item of paginate({
        fetchPage: api.fetchPage,
        pageSize: 10,
        signal: controller.signal,
      })) {
        if (++seen === 12) controller.abort(reason);
      }
    };
    await expect(iterate()).rejects.toBe(reason);
    const atAbort = await settledCount(() => server!.requestCount);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server!.requestCount).toBe(atAbort);
  });

  test('raises the failure of a prefetched page when its turn comes, not earlier', async () => {
    const fetchPage = async (page: number): Promise<Page<Item>> => {
      if (page === 3) throw new Error('page 3 failed');
      return { total: 40, items: makeItems(40).slice((page - 1) * 10, page * 10) };
    };
    const seen: string[] = [];
    const iterate = async () => {
      for await (const item of paginate({ fetchPage, pageSize: 10, concurrency: 4 }))
        seen.push(item.id);
    };
    await expect(iterate()).rejects.toThrow('page 3 failed');
    expect(seen).toHaveLength(20);
  });
});
