import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import {
  AuthenticationError,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  RateLimitedError,
  ResponseTooLargeError,
  TimeoutError,
} from '../errors/index.js';
import { FaultInjector } from '../testing/fault-injector.js';
import {
  startTestServer,
  type TestRequestHandler,
  type TestServer,
} from '../testing/test-server.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { RateLimiter } from './rate-limiter.js';
import type { TransportEvent } from './transport-event.js';

type ErrorFields = Error & Record<string, unknown>;
const unexpectedSuccess = (): never => {
  throw new Error('expected the request to fail');
};

const token = 'tok-SECRET-1234';
let server: TestServer | undefined;
let client: HttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handler: TestRequestHandler, options: Partial<HttpClientOptions> = {}) {
  server = await startTestServer(handler);
  client = new HttpClient({
    provider: 'acme',
    baseUrl: server.url,
    secrets: [token],
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return client;
}

const ok: TestRequestHandler = (_request, response, body) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ echo: body ? JSON.parse(body) : null }));
};

function withFaults(injector: FaultInjector, handler: TestRequestHandler): TestRequestHandler {
  return async (request, response, body) => {
    if (await injector.apply(response)) return;
    await handler(request, response, body);
  };
}

const rateLimited429 = (response: import('node:http').ServerResponse) => {
  response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
  response.end('{"msg":"slow down"}');
};

describe('HttpClient', () => {
  test('posts JSON and decodes the JSON answer', async () => {
    const http = await setup(ok);
    const body = await http.requestJson({ method: 'POST', path: '/calls', json: { page: 2 } });
    expect(body).toEqual({ echo: { page: 2 } });
  });

  test('sends the query string and keeps the base path', async () => {
    let seen = '';
    server = await startTestServer((request, response) => {
      seen = request.url ?? '';
      response.end('{}');
    });
    client = new HttpClient({ provider: 'acme', baseUrl: `${server.url}/api/` });
    await client.requestJson({
      method: 'GET',
      path: '/cdr',
      query: { ucid: 12, skip: undefined, user: 'a b' },
    });
    expect(seen).toBe('/api/cdr?ucid=12&user=a+b');
  });

  test('reuses one keep-alive connection for sequential requests', async () => {
    const ports = new Set<number>();
    const http = await setup((request, response) => {
      ports.add(request.socket.remotePort ?? 0);
      response.end('{}');
    });
    for (let index = 0; index < 10; index++) await http.requestJson({ method: 'GET', path: '/' });
    // undici may open a second socket while the first is being returned to the pool.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  test.each([
    ['server-error', 2],
    ['connection-reset', 2],
    ['truncated-body', 2],
    ['rate-limited', 2],
  ] as const)('retries %s to success', async (kind, count) => {
    const injector = new FaultInjector({ rateLimited: rateLimited429 });
    injector.inject(kind, count);
    const http = await setup(withFaults(injector, ok));
    await expect(http.requestJson({ method: 'POST', path: '/', json: 1 })).resolves.toEqual({
      echo: 1,
    });
    expect(server!.requestCount).toBe(count + 1);
  });

  test('gives up after maxRetries with the last error', async () => {
    const injector = new FaultInjector({ rateLimited: rateLimited429 });
    injector.inject('server-error', 10);
    const http = await setup(withFaults(injector, ok), {
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });
    const error = await http
      .requestJson({ method: 'GET', path: '/x' })
      .then(unexpectedSuccess, (caught: unknown) => caught as ErrorFields);
    expect(error.code).toBe('provider_error');
    expect(error.statusCode).toBe(503);
    expect(error.endpoint).toBe('GET /x');
    expect(server!.requestCount).toBe(3);
  });

  test('never retries authentication or validation errors', async () => {
    const http = await setup((request, response) => {
      response.writeHead(request.url === '/auth' ? 401 : 400);
      response.end('{"msg":"no"}');
    });
    await expect(http.requestJson({ method: 'GET', path: '/auth' })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    await expect(http.requestJson({ method: 'GET', path: '/bad' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(server!.requestCount).toBe(2);
  });

  test('honours Retry-After in seconds', async () => {
    let calls = 0;
    const events: TransportEvent[] = [];
    const http = await setup(
      (_request, response) => {
        if (calls++ === 0) {
          response.writeHead(429, { 'retry-after': '1' });
          response.end();
          return;
        }
        response.end('{"ok":true}');
      },
      { onEvent: (event) => events.push(event) },
    );
    await http.requestJson({ method: 'GET', path: '/' });
    const retry = events.find((event) => event.type === 'retry');
    expect(retry).toMatchObject({ type: 'retry', delayMs: 1000, error: { code: 'rate_limited' } });
  });

  test('lets the provider declare a 200 answer to be rate limiting, and waits it out', async () => {
    let calls = 0;
    const http = await setup((_request, response) => {
      response.end(
        calls++ === 0
          ? '{"status":"error","message":"max limit exceeded"}'
          : '{"status":"success"}',
      );
    });
    const body = await http.requestJson({
      method: 'GET',
      path: '/',
      interpret: ({ body: answer, provider, endpoint }) =>
        (answer as { message?: string }).message === 'max limit exceeded'
          ? new RateLimitedError({
              provider,
              endpoint,
              message: 'max limit exceeded',
              retryAfterMs: 5,
            })
          : undefined,
    });
    expect(body).toEqual({ status: 'success' });
    expect(calls).toBe(2);
  });

  test('turns malformed JSON into MalformedResponseError without retrying', async () => {
    const injector = new FaultInjector({ rateLimited: rateLimited429 });
    injector.inject('malformed-json', 1);
    const http = await setup(withFaults(injector, ok));
    const error = await http
      .requestJson({ method: 'GET', path: '/' })
      .then(unexpectedSuccess, (caught: unknown) => caught as ErrorFields);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.responseBody).toBe('{"data":[{"id":');
    expect(server!.requestCount).toBe(1);
  });

  test('refuses a body over the size cap', async () => {
    const http = await setup(
      (_request, response) => response.end(JSON.stringify({ data: 'x'.repeat(5000) })),
      { maxResponseBytes: 1000 },
    );
    await expect(http.requestJson({ method: 'GET', path: '/' })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  test('refuses a streamed body over the cap even without content-length', async () => {
    const http = await setup(
      (_request, response) => {
        response.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let index = 0; index < 10; index++) response.write('x'.repeat(500));
        response.end();
      },
      { maxResponseBytes: 1000 },
    );
    await expect(http.requestJson({ method: 'GET', path: '/' })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  test('times out slow headers and retries', async () => {
    // undici's timers are coarse (hundreds of ms), so the server stalls well past that.
    const injector = new FaultInjector({ rateLimited: rateLimited429, slowMs: 3000 });
    injector.inject('slow-headers', 1);
    const events: TransportEvent[] = [];
    const http = await setup(withFaults(injector, ok), {
      timeouts: { headersMs: 100 },
      onEvent: (event) => events.push(event),
    });
    await expect(http.requestJson({ method: 'POST', path: '/', json: 7 })).resolves.toEqual({
      echo: 7,
    });
    const retry = events.find((event) => event.type === 'retry');
    expect(retry).toMatchObject({ error: { code: 'timeout' } });
  });

  test('stops at the overall deadline', async () => {
    const http = await setup(
      (_request, response) => {
        setTimeout(() => response.end('{}'), 500);
      },
      { timeouts: { totalMs: 100 } },
    );
    const error = await http
      .requestJson({ method: 'GET', path: '/' })
      .then(unexpectedSuccess, (caught: unknown) => caught as ErrorFields);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.phase).toBe('deadline');
  });

  test('rejects with the abort reason and sends nothing once aborted', async () => {
    const http = await setup(ok);
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(
      http.requestJson({ method: 'GET', path: '/', signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(server!.requestCount).toBe(0);
  });

  test('aborts a request in flight', async () => {
    const http = await setup((_request, response) => setTimeout(() => response.end('{}'), 1000));
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 30);
    await expect(
      http.requestJson({ method: 'GET', path: '/', signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  test('waits for the rate limiter before each request and reports it', async () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, intervalMs: 40, now: () => now });
    const events: TransportEvent[] = [];
    const http = await setup(ok, { rateLimiter: limiter, onEvent: (event) => events.push(event) });
    await http.requestJson({ method: 'GET', path: '/' });
    now = 10;
    const second = http.requestJson({ method: 'GET', path: '/' });
    setTimeout(() => {
      now = 100;
    }, 60);
    await second;
    expect(events.some((event) => event.type === 'rate-limit-wait')).toBe(true);
  });

  test("holds a request's slot until its answer, so the next cannot reach the server within a window of it", async () => {
    // One request a 100 ms window; the server answers after 300 ms. Counted from the grant,
    // the second request would leave 100 ms after the first, while the first is still at
    // the server; counted from the answer, it arrives at least a window after that answer
    // left the server (both clocks here are the machine's).
    const arrivals: number[] = [];
    const answered: number[] = [];
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100 });
    const http = await setup(
      async (_request, response) => {
        arrivals.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 300));
        answered.push(Date.now());
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      },
      { rateLimiter: limiter },
    );
    await Promise.all([
      http.requestJson({ method: 'GET', path: '/a' }),
      http.requestJson({ method: 'GET', path: '/b' }),
    ]);
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - answered[0]!).toBeGreaterThanOrEqual(100);
  });

  test('holds the slot of a request that failed without an answer a window longer, then frees it', async () => {
    // It may still reach the provider after we gave up: the next one waits two windows.
    const arrivals: number[] = [];
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100 });
    const http = await setup(
      (request, response) => {
        arrivals.push(Date.now());
        if (request.url === '/drop') {
          response.socket?.destroy();
          return;
        }
        ok(request, response, '');
      },
      { rateLimiter: limiter, retry: false },
    );
    await expect(http.requestJson({ method: 'GET', path: '/drop' })).rejects.toThrow();
    await expect(http.requestJson({ method: 'GET', path: '/' })).resolves.toEqual({ echo: null });
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(200);
  });

  test('works with a limiter from another copy of core that has only `acquire`', async () => {
    let acquired = 0;
    const foreign = {
      limit: 5,
      intervalMs: 1000,
      acquire: async () => {
        acquired++;
        return 0;
      },
      pauseFor: () => undefined,
      delayUntilFree: () => 0,
    };
    const http = await setup(ok, { rateLimiter: foreign as unknown as RateLimiter });
    await expect(http.requestJson({ method: 'GET', path: '/' })).resolves.toEqual({ echo: null });
    expect(acquired).toBe(1);
  });

  test('keeps secrets out of errors, events and inspect output', async () => {
    const events: TransportEvent[] = [];
    const http = await setup(
      (_request, response) => {
        response.writeHead(500);
        response.end(`internal error for token ${token}`);
      },
      { retry: false, onEvent: (event) => events.push(event) },
    );
    const error = await http
      .requestJson({ method: 'GET', path: '/cdr', query: { apiKey: token } })
      .then(unexpectedSuccess, (caught: unknown) => caught as ErrorFields);
    const views = [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      JSON.stringify(events),
      inspect(http),
    ];
    for (const view of views) expect(view).not.toContain(token);
    expect(error.message).toContain('[REDACTED]');
    expect(events[0]).toMatchObject({
      type: 'request',
      url: expect.stringContaining('apiKey=[REDACTED]'),
    });
  });

  test('redacts a secret a server echoes JSON-escaped, percent-encoded or inside a Basic credential', async () => {
    const awkward = 'tok"with\\quote/and space';
    const basic = Buffer.from(`acme:${awkward}`).toString('base64');
    server = await startTestServer((request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: `bad token ${awkward}`,
          url: request.url,
          authorization: request.headers.authorization,
        }),
      );
    });
    client = new HttpClient({
      provider: 'acme',
      baseUrl: server.url,
      secrets: [awkward],
      retry: false,
      headers: { authorization: `Basic ${basic}` },
    });
    const error = await client
      .requestJson({ method: 'GET', path: '/cdr', query: { token: awkward } })
      .then(unexpectedSuccess, (caught: unknown) => caught as ErrorFields);
    const text = [error.message, JSON.stringify(error), inspect(error, { depth: 5 })].join('\n');
    expect(text).toContain('[REDACTED]');
    for (const form of [
      awkward,
      JSON.stringify(awkward).slice(1, -1),
      encodeURIComponent(awkward),
      new URLSearchParams({ t: awkward }).toString().slice(2),
      basic,
    ]) {
      expect(text).not.toContain(form);
    }
  });

  test('a value a user adds in headers is a secret: redacted wherever it echoes', async () => {
    const tenantKey = 'tenant-key-8c1f0d2e';
    server = await startTestServer((request, response) => {
      response.writeHead(500);
      response.end(`refused key ${String(request.headers['x-api-key'])}`);
    });
    client = new HttpClient({
      provider: 'acme',
      baseUrl: server.url,
      retry: false,
      headers: { 'x-api-key': tenantKey, accept: 'application/json' },
    });
    const error = await client
      .requestJson({ method: 'GET', path: '/cdr' })
      .then(unexpectedSuccess, (caught: unknown) => caught as ErrorFields);
    expect(error.message).toContain('refused key [REDACTED]');
    expect(JSON.stringify(error)).not.toContain(tenantKey);
  });

  test('checks its options strictly at creation, naming the option', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ timeouts: { totalMs: Number.NaN } }, /`timeouts.totalMs`/],
      [
        { timeouts: { headersMs: 0 } },
        /`timeouts.headersMs`: expected a duration in ms greater than 0/,
      ],
      [{ retry: { maxRetries: -1 } }, /`retry.maxRetries`/],
      [{ retry: true }, /`retry`/],
      [{ connections: 1.5 }, /`connections`/],
      [{ maxResponseBytes: 0 }, /`maxResponseBytes`/],
      [{ rateLimiter: { limit: 1 } }, /`rateLimiter`: expected a RateLimiter/],
      [{ onEvent: 'log' }, /`onEvent`: expected a function/],
      [{ timeout: 5 }, /Unrecognized key: "timeout"/],
      // A CR/LF would split the request (undici refuses it on every try): refused at creation.
      [{ headers: { 'x-tenant': 'acme\r\nx-admin: 1' } }, /may not hold CR, LF or NUL/],
      [{ headers: { 'x-tenant': 'acme\n' } }, /may not hold CR, LF or NUL/],
      [{ headers: { 'bad name': 'acme' } }, /expected a header name/],
    ];
    for (const [options, message] of bad) {
      expect(
        () => new HttpClient({ provider: 'acme', baseUrl: 'https://example.com', ...options }),
        JSON.stringify(options),
      ).toThrow(message);
    }
  });

  test('refuses a base URL with credentials, a query or a fragment, without echoing them', () => {
    for (const baseUrl of [
      'https://user:SECRET@example.com',
      'https://example.com/?token=SECRET',
      'https://example.com/#SECRET',
      'ftp://x/?token=SECRET',
    ]) {
      let error: unknown;
      try {
        new HttpClient({ provider: 'acme', baseUrl });
      } catch (caught) {
        error = caught;
      }
      expect(error, baseUrl).toBeInstanceOf(InvalidRequestError);
      expect(String(error)).toMatch(/`baseUrl`/);
      expect(String(error)).not.toContain('SECRET');
    }
  });

  test('allows plain http only to loopback', () => {
    expect(() => new HttpClient({ provider: 'acme', baseUrl: 'http://example.com' })).toThrow(
      InvalidRequestError,
    );
    expect(() => new HttpClient({ provider: 'acme', baseUrl: 'not a url' })).toThrow(
      InvalidRequestError,
    );
    expect(() => new HttpClient({ provider: 'acme', baseUrl: 'http://localhost:1' })).not.toThrow();
    expect(
      () => new HttpClient({ provider: 'acme', baseUrl: 'https://example.com' }),
    ).not.toThrow();
  });
});

describe('HttpClient.requestStream', () => {
  const big = JSON.stringify({ items: Array.from({ length: 2000 }, (_, index) => index) });
  const streamed: TestRequestHandler = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    // Written in pieces, as a large body arrives.
    for (let index = 0; index < big.length; index += 1000)
      response.write(big.slice(index, index + 1000));
    response.end();
  };
  const text = async (body: AsyncIterable<Buffer>) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };

  test('hands a 2xx body to the consumer as it streams, with a response event', async () => {
    const events: TransportEvent[] = [];
    const http = await setup(streamed, { onEvent: (event) => events.push(event) });
    expect(await http.requestStream({ method: 'GET', path: '/day', json: { a: 1 } }, text)).toBe(
      big,
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'response', statusCode: 200, bytes: big.length }),
    );
  });

  test('a body over the cap is a ResponseTooLargeError; the cap is per request', async () => {
    const http = await setup(streamed);
    await expect(
      http.requestStream({ method: 'GET', path: '/day', maxBytes: 1024 }, text),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(
      await http.requestStream({ method: 'GET', path: '/day', maxBytes: 1_000_000 }, text),
    ).toBe(big);
  });

  test('a body cut short is asked for again, from its start', async () => {
    const injector = new FaultInjector({ rateLimited: rateLimited429 });
    injector.inject('truncated-body', 1);
    const http = await setup(withFaults(injector, streamed));
    let attempts = 0;
    const body = await http.requestStream({ method: 'GET', path: '/day' }, (chunks) => {
      attempts++;
      return text(chunks);
    });
    expect(body).toBe(big);
    expect(attempts).toBe(2);
  });

  test('a non-2xx answer is mapped as requestJson maps it; the consumer never runs', async () => {
    const http = await setup((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(`{"error":"bad token ${token}"}`);
    });
    let ran = false;
    const error = await http
      .requestStream({ method: 'GET', path: '/day' }, async () => {
        ran = true;
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain(token);
    expect(ran).toBe(false);
  });
});
