import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { inspect } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { InvalidRequestError, NetworkError, ProviderError } from '../errors/index.js';
import { type ForwardProxy, startForwardProxy } from '../testing/forward-proxy.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import type { TransportEvent } from './transport-event.js';

const corePackage = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

let proxy: ForwardProxy | undefined;
let origin: TestServer | undefined;
let client: HttpClient | undefined;
/** What the origin received, in order. */
let received: { path: string; headers: IncomingHttpHeaders }[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  await client?.close();
  await origin?.close();
  await proxy?.close();
  client = undefined;
  origin = undefined;
  proxy = undefined;
  received = [];
});

async function startOrigin(): Promise<TestServer> {
  origin = await startTestServer((request, response) => {
    received.push({ path: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url }));
  });
  return origin;
}

function createClient(baseUrl: string, options: Partial<HttpClientOptions> = {}): HttpClient {
  client = new HttpClient({ provider: 'acme', baseUrl, retry: false, ...options });
  return client;
}

/** Five requests, as a listing's pages are asked for: one after another. */
async function fivePages(http: HttpClient): Promise<void> {
  for (let page = 1; page <= 5; page++) {
    await http.requestJson({ method: 'GET', path: '/calls', query: { page } });
  }
}

describe('proxies from the environment', () => {
  test('process.env itself is taken as the environment (zod records refuse it)', async () => {
    const server = await startOrigin();
    expect(() => createClient(server.url, { proxy: { environment: process.env } })).not.toThrow();
  });

  test('HTTP_PROXY set: every request goes through the proxy, over kept-alive connections', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    const http = createClient(server.url, { proxy: { environment: { HTTP_PROXY: proxy.url } } });
    await fivePages(http);
    expect(proxy.requests.map((request) => `${request.method} ${request.target}`)).toEqual(
      [1, 2, 3, 4, 5].map((page) => `GET ${server.url}/calls?page=${page}`),
    );
    expect(received.map((request) => request.path)).toEqual(
      [1, 2, 3, 4, 5].map((page) => `/calls?page=${page}`),
    );
    // The client's keep-alive pool holds through the proxy too: connections are reused
    // (undici opens a second one for the request sent as the first finishes, direct or not).
    expect(proxy.connectionCount).toBeLessThanOrEqual(2);
  });

  test('a host in NO_PROXY is reached directly: the proxy sees nothing', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    const http = createClient(server.url, {
      proxy: { environment: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } },
    });
    await fivePages(http);
    expect(proxy.requests).toEqual([]);
    expect(received).toHaveLength(5);
  });

  test('NO_PROXY entries match by domain and port, as undici reads them', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    const port = new URL(server.url).port;
    // Another port of the same host is no match: the request goes through the proxy.
    const http = createClient(server.url, {
      proxy: { environment: { http_proxy: proxy.url, no_proxy: '127.0.0.1:1, .example.com' } },
    });
    await fivePages(http);
    expect(proxy.requests).toHaveLength(5);
    await http.close();
    const direct = createClient(server.url, {
      proxy: { environment: { http_proxy: proxy.url, no_proxy: `.example.com 127.0.0.1:${port}` } },
    });
    await fivePages(direct);
    expect(proxy.requests).toHaveLength(5);
    expect(received).toHaveLength(10);
  });

  test('the option off (the default): the environment is not read, the proxy sees nothing', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('http_proxy', proxy.url);
    await fivePages(createClient(server.url));
    await client?.close();
    await fivePages(createClient(server.url, { proxy: false }));
    expect(proxy.requests).toEqual([]);
    expect(received).toHaveLength(10);
  });

  test("'environment' reads the process's variables", async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    vi.stubEnv('http_proxy', undefined);
    vi.stubEnv('no_proxy', undefined);
    vi.stubEnv('NO_PROXY', undefined);
    vi.stubEnv('HTTP_PROXY', proxy.url);
    await fivePages(createClient(server.url, { proxy: 'environment' }));
    expect(proxy.requests).toHaveLength(5);
  });

  test('the lower-case name wins, as curl reads them; a blank value counts as unset', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    await fivePages(
      createClient(server.url, {
        proxy: { environment: { http_proxy: proxy.url, HTTP_PROXY: 'http://127.0.0.1:1' } },
      }),
    );
    expect(proxy.requests).toHaveLength(5);
    await client?.close();
    await fivePages(
      createClient(server.url, {
        proxy: { environment: { http_proxy: '  ', HTTP_PROXY: proxy.url } },
      }),
    );
    expect(proxy.requests).toHaveLength(10);
  });

  test('HTTPS_PROXY alone serves https origins only: http origins are reached directly (undici’s rule)', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    await fivePages(
      createClient(server.url, { proxy: { environment: { HTTPS_PROXY: proxy.url } } }),
    );
    expect(proxy.requests).toEqual([]);
    expect(received).toHaveLength(5);
  });

  test('an https origin is tunnelled with CONNECT through HTTPS_PROXY (or HTTP_PROXY when it is unset)', async () => {
    proxy = await startForwardProxy();
    for (const environment of [{ HTTPS_PROXY: proxy.url }, { HTTP_PROXY: proxy.url }]) {
      const http = createClient('https://api.example.test', { proxy: { environment } });
      // The test proxy refuses every tunnel: the request fails, no network is reached.
      const error = await http.requestJson({ method: 'GET', path: '/calls' }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(NetworkError);
      await http.close();
    }
    expect(proxy.requests.map((request) => `${request.method} ${request.target}`)).toEqual([
      'CONNECT api.example.test:443',
      'CONNECT api.example.test:443',
    ]);
  });
});

describe('proxy credentials', () => {
  const password = 'pr0xy-S3cret-passw0rd';
  const userInfo = `cdr-ops:${password}`;
  const basic = Buffer.from(userInfo).toString('base64');

  test('are sent to the proxy only, and never appear in an error or an event, in any form', async () => {
    // A proxy that refuses, quoting what it received: the credentials come back in the body.
    proxy = await startForwardProxy({
      answer: (request) => ({
        status: 502,
        body: `refused ${request.headers['proxy-authorization']} (${userInfo}, ${encodeURIComponent(password)})`,
      }),
    });
    const server = await startOrigin();
    const events: TransportEvent[] = [];
    const proxyUrl = new URL(proxy.url);
    proxyUrl.username = 'cdr-ops';
    proxyUrl.password = password;
    const http = createClient(server.url, {
      proxy: { environment: { HTTP_PROXY: proxyUrl.href } },
      onEvent: (event) => events.push(event),
    });
    const error = await http.requestJson({ method: 'GET', path: '/calls' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(proxy.requests[0]?.headers['proxy-authorization']).toBe(`Basic ${basic}`);
    const shown = [inspect(error, { depth: 10 }), JSON.stringify(error), JSON.stringify(events)];
    expect(shown[0]).toContain('refused');
    for (const text of shown) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(basic);
      expect(text).not.toContain(encodeURIComponent(password));
    }
  });

  test('a 407 from the proxy is an error without them; the origin never sees them', async () => {
    proxy = await startForwardProxy({
      answer: (request) =>
        request.target.endsWith('/refused') ? { status: 407, body: 'who are you?' } : undefined,
    });
    const server = await startOrigin();
    const http = createClient(server.url, {
      proxy: { environment: { HTTP_PROXY: `http://${userInfo}@${new URL(proxy.url).host}` } },
    });
    await http.requestJson({ method: 'GET', path: '/calls' });
    expect(received[0]?.headers['proxy-authorization']).toBeUndefined();
    const error = await http.requestJson({ method: 'GET', path: '/refused' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(String((error as Error).message)).toMatch(/407/);
    expect(inspect(error, { depth: 10 })).not.toContain(password);
  });
});

describe('proxy settings are checked when the client is created', () => {
  test('a proxy URL that is none: a typed error naming the variable, never its value', async () => {
    for (const value of ['ftp://cdr-ops:pr0xy-pass@proxy.example', 'http://', 'http://[bad']) {
      const create = () =>
        createClient('https://api.example.test', {
          proxy: { environment: { HTTPS_PROXY: value } },
        });
      expect(create).toThrow(InvalidRequestError);
      expect(create).toThrow(/HTTPS_PROXY \(or https_proxy\) must be a proxy URL/);
      expect(() => create()).not.toThrow(/pr0xy-pass/);
    }
  });

  test('a bare host:port is taken as http://host:port, as curl takes it', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    await fivePages(
      createClient(server.url, {
        proxy: { environment: { HTTP_PROXY: new URL(proxy.url).host } },
      }),
    );
    expect(proxy.requests).toHaveLength(5);
  });

  test('unknown settings and a proxy beside a dispatcher of one’s own are refused', () => {
    const create = (options: Record<string, unknown>) => () =>
      new HttpClient({
        provider: 'acme',
        baseUrl: 'https://api.example.test',
        ...options,
      } as HttpClientOptions);
    const expected = /`proxy`: expected false, 'environment' or \{ environment: /;
    expect(create({ proxy: 'env' })).toThrow(expected);
    expect(create({ proxy: true })).toThrow(expected);
    expect(create({ proxy: { environment: { HTTP_PROXY: 3128 } } })).toThrow(expected);
    expect(create({ proxy: { env: {} } })).toThrow(InvalidRequestError);
    const dispatcher = { dispatch: () => true };
    expect(create({ proxy: 'environment', dispatcher })).toThrow(/exclude each other/);
  });
});

describe('User-Agent', () => {
  const shape = `cdr/${corePackage.version} node/${process.versions.node}`;

  test('every request names cdr with core’s version and Node.js', async () => {
    const server = await startOrigin();
    await fivePages(createClient(server.url));
    expect(received.map((request) => request.headers['user-agent'])).toEqual(Array(5).fill(shape));
  });

  test('the package that sends (a provider’s) comes after cdr', async () => {
    const server = await startOrigin();
    const http = createClient(server.url, {
      userAgentPackage: { name: '@cdr/acme', version: '1.2.3' },
    });
    await http.requestJson({ method: 'GET', path: '/calls' });
    expect(received[0]?.headers['user-agent']).toBe(
      `cdr/${corePackage.version} @cdr/acme/1.2.3 node/${process.versions.node}`,
    );
  });

  test('a User-Agent the user sets leads, cdr’s follows; through a proxy too', async () => {
    proxy = await startForwardProxy();
    const server = await startOrigin();
    const http = createClient(server.url, {
      headers: { 'User-Agent': 'billing-sync/4.1 (ops@example.com)' },
      proxy: { environment: { HTTP_PROXY: proxy.url } },
    });
    await http.requestJson({ method: 'GET', path: '/calls' });
    const expected = `billing-sync/4.1 (ops@example.com) ${shape}`;
    expect(proxy.requests[0]?.headers['user-agent']).toBe(expected);
    expect(received[0]?.headers['user-agent']).toBe(expected);
  });
});
