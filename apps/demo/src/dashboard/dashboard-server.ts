// `cdr serve`'s HTTP server: the dashboard from the live database. Filters and pages are
// URL parameters that re-query the store; a page listens on /events (server-sent events)
// for the data version and fetches /fragment when it changes, so it follows syncs and
// pushes as they land. Figures are cached per version and filter: a page refreshed or
// opened twice costs the database nothing until the data change.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callDirections } from '@cdr/core';
import {
  answerOperationsRequest,
  type OperationsEndpoints,
} from '../operations/operations-routes.ts';
import type { CallStore } from '../store/call-store.ts';
import type { ReportFigures } from '../store/report-figures.ts';
import { isLoopback } from '../support/is-loopback.ts';
import { callRowOf, viewOfFigures } from './dashboard-data.ts';
import {
  type DashboardRequest,
  DashboardRequestError,
  filterQueryString,
  parseDashboardRequest,
  reportQueryOf,
} from './dashboard-request.ts';
import type { CallRow, DashboardChoices, DashboardView } from './dashboard-view.ts';
import { renderDashboardBody } from './render-dashboard-body.ts';
import { renderDashboardPage } from './render-dashboard-page.ts';

export interface DashboardServerOptions {
  store: CallStore;
  host?: string | undefined;
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  /** The clock "time since the miss" counts to. */
  now: () => Date;
  /** The zone of the page's days and times (an IANA name). Default India's. */
  timeZone?: string | undefined;
  /** How often the data version is read while a page listens. Default 2 s. */
  checkEveryMs?: number | undefined;
  /** Agents listed and rows per page of the lists. Default 10. */
  pageSize?: number | undefined;
  /** A request the store failed: the page gets a 500, the operator this. */
  onError?: ((error: unknown) => void) | undefined;
  /**
   * Live-update listeners (open pages) held at once; more are answered 503 with a
   * `retry-after`, and the page falls back to its own retry. Each holds a connection and its
   * buffers open for as long as the page stays: without a cap, 12,000 of them held +310 MB.
   * Default 64.
   */
  maxListeners?: number | undefined;
  /** Connections open at once; more are closed as they arrive. Default 256. */
  maxConnections?: number | undefined;
  /** `/healthz`, `/readyz` and `/metrics`, served beside the dashboard. */
  operations?: OperationsEndpoints | undefined;
}

export interface DashboardServer {
  /** `http://127.0.0.1:8788/`. */
  readonly url: string;
  close(): Promise<void>;
}

interface Figures {
  figures: ReportFigures;
  calls: CallRow[];
  choices: DashboardChoices;
}

const cachedReads = 64;

/**
 * What the data are at: the number of calls (a push or a sync adds some) and each account's
 * last sync (a sync that only updated calls moves it). Cheap at any size: a count on an
 * index and a few rows.
 */
export async function dataVersion(store: CallStore): Promise<string> {
  const [count, states] = await Promise.all([store.countCalls({}), store.accountStates()]);
  const text = JSON.stringify([
    count,
    states.map((state) => [
      state.account,
      state.position?.getTime(),
      state.lastAttemptAt?.getTime(),
    ]),
  ]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export async function startDashboardServer(
  options: DashboardServerOptions,
): Promise<DashboardServer> {
  const { store } = options;
  const pageSize = options.pageSize ?? 10;
  const cache = new Map<string, Promise<unknown>>();
  const listeners = new Set<ServerResponse>();
  const maxListeners = options.maxListeners ?? 64;
  let announced = '';
  let checking = false;

  /** Remembers a read per key; a failed one is not kept, so the next request tries again. */
  const cached = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const known = cache.get(key);
    if (known) return known as Promise<T>;
    const loading = read();
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
    for (const old of cache.keys()) {
      if (cache.size <= cachedReads) break;
      cache.delete(old);
    }
    return loading;
  };

  // The figures and a page of the latest calls are read apart: paging the calls costs one
  // indexed query, not the figures again.
  const figuresFor = (version: string, request: DashboardRequest): Promise<Figures> => {
    const query = reportQueryOf(request.filter, options.timeZone);
    const figures = cached(
      JSON.stringify(['figures', version, request.filter, request.pages.missed]),
      async () => {
        const [report, states] = await Promise.all([
          store.reportFigures({ ...query, top: pageSize, missedPage: request.pages.missed }),
          store.accountStates(),
        ]);
        const accounts = states.map((state) => state.account);
        const providers = [
          ...new Set([
            ...accounts.map((account) => account.split(':')[0] ?? account),
            ...report.providers.map((row) => row.provider),
          ]),
        ];
        const choices: DashboardChoices = {
          providers: providers.sort(),
          accounts: accounts.sort(),
          directions: [...callDirections],
          firstDay: null,
          lastDay: null,
        };
        return { figures: report, choices };
      },
    );
    const calls = cached(
      JSON.stringify(['calls', version, request.filter, request.pages.calls]),
      async () =>
        // Calls, not legs: the list the figures count.
        (
          await store.listCalls(
            { ...query, withoutLegs: true },
            { limit: pageSize, offset: request.pages.calls * pageSize },
          )
        ).map((call) => callRowOf(call)),
    );
    return Promise.all([figures, calls]).then(([read, rows]) => ({ ...read, calls: rows }));
  };

  const viewFor = async (request: DashboardRequest): Promise<DashboardView> => {
    const version = await dataVersion(store);
    const { figures, calls, choices } = await figuresFor(version, request);
    const count = figures.providers.reduce((sum, row) => sum + row.calls, 0);
    return viewOfFigures(figures, {
      mode: 'serve',
      generatedAt: options.now().getTime(),
      version,
      source: `Calls in ${store.location}, live.`,
      filter: request.filter,
      choices,
      query: filterQueryString(request.filter),
      calls: { count, page: request.pages.calls, pageSize, rows: calls, available: count },
      pageSize,
    });
  };

  const check = async () => {
    if (checking || listeners.size === 0) return;
    checking = true;
    try {
      const version = await dataVersion(store);
      if (version === announced) return;
      announced = version;
      for (const listener of listeners) listener.write(`event: version\ndata: ${version}\n\n`);
    } catch (error) {
      options.onError?.(error);
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 2000);
  timer.unref();

  let allowedHosts: Set<string> | undefined;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // A page on loopback answers only to loopback names: another site's page, resolving its
    // own name to 127.0.0.1 (DNS rebinding), must not read the calls.
    if (allowedHosts && !allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders });
      response.end('This dashboard answers only to its own address.\n');
      return;
    }
    if (
      options.operations &&
      (await answerOperationsRequest(request, response, options.operations))
    )
      return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, {
        allow: 'GET, HEAD',
        'content-type': 'text/plain; charset=utf-8',
        ...securityHeaders,
      });
      response.end('Only GET.\n');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://dashboard');
    try {
      if (url.pathname === '/events') {
        if (listeners.size >= maxListeners) {
          response.writeHead(503, {
            'content-type': 'text/plain; charset=utf-8',
            'retry-after': '30',
            ...securityHeaders,
          });
          response.end(
            `Too many open pages (${maxListeners}): live updates resume when one closes.\n`,
          );
          return;
        }
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          connection: 'keep-alive',
          ...securityHeaders,
        });
        const version = await dataVersion(store);
        response.write(`retry: 3000\nevent: version\ndata: ${version}\n\n`);
        listeners.add(response);
        request.on('close', () => listeners.delete(response));
        return;
      }
      if (url.pathname !== '/' && url.pathname !== '/fragment') {
        response.writeHead(404, {
          'content-type': 'text/plain; charset=utf-8',
          ...securityHeaders,
        });
        response.end('Not found: the dashboard is at /.\n');
        return;
      }
      const view = await viewFor(parseDashboardRequest(url.search));
      const fragment = url.pathname === '/fragment';
      const body = fragment ? renderDashboardBody(view) : renderDashboardPage(view);
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'x-dashboard-version': view.version,
        ...securityHeaders,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const usage = error instanceof DashboardRequestError;
      if (!usage) options.onError?.(error);
      response.writeHead(usage ? 400 : 500, {
        'content-type': 'text/plain; charset=utf-8',
        ...securityHeaders,
      });
      response.end(
        usage
          ? `Bad request: ${error.message}\n`
          : 'The database could not be read: see the server’s output.\n',
      );
    }
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  // Beyond the cap Node closes a new connection at once, before reading a byte of it.
  server.maxConnections = options.maxConnections ?? 256;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  if (isLoopback(address.address)) {
    allowedHosts = new Set(
      ['127.0.0.1', 'localhost', '[::1]', host].map((name) => `${name}:${address.port}`),
    );
  }
  return {
    url: `http://${host}:${address.port}/`,
    async close() {
      clearInterval(timer);
      for (const listener of listeners) listener.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
