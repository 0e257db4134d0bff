import type { Dispatcher } from 'undici';
import type { TransportTimeouts } from './http-client-options.js';
import type { ProxyRoutes } from './proxy-from-environment.js';

export interface ConnectionPoolOptions {
  /** Keep-alive connections per origin (per proxy, through one). */
  connections: number;
  timeouts: TransportTimeouts;
  /** The forward proxies to send through; none: connect directly. */
  proxy?: ProxyRoutes | undefined;
}

/** How long an idle connection is kept for the next request. */
const keepAliveTimeoutMs = 10_000;

/**
 * The undici dispatcher a client owns: a keep-alive pool per origin, connected directly or,
 * when the environment names proxies, through them (undici's `EnvHttpProxyAgent`, which
 * also reaches `NO_PROXY` hosts directly). Each request carries its own header and body
 * timeouts; the pools carry the connect timeout and keep-alive.
 *
 * undici is loaded here, on a client's first request, not when core is imported: a program
 * that only creates a provider, or only parses a webhook, never pays for it (it costs more
 * to load than the rest of a provider together).
 */
export async function createConnectionPool({
  connections,
  timeouts,
  proxy,
}: ConnectionPoolOptions): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent, Pool } = undiciExports(await import('undici'));
  const poolOptions = {
    connections,
    keepAliveTimeout: keepAliveTimeoutMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  };
  if (!proxy) return new Agent({ ...poolOptions, connect: { timeout: timeouts.connectMs } });
  return new EnvHttpProxyAgent({
    ...poolOptions,
    // Direct connections (NO_PROXY hosts) time out as without a proxy…
    connect: { timeout: timeouts.connectMs },
    // …and so do connections to the proxy.
    connectTimeout: timeouts.connectMs,
    // undici opens its pool to an http proxy with its own defaults (`{ connect }` only):
    // every pool it makes gets this client's size and keep-alive.
    factory: (origin, options) => new Pool(origin, { ...options, ...poolOptions }),
    // Given explicitly (`''` for none), so that undici never falls back to `process.env`:
    // the setting, not the process, decides.
    httpProxy: proxy.httpProxy,
    httpsProxy: proxy.httpsProxy,
    noProxy: proxy.noProxy,
  });
}

type Undici = typeof import('undici');

/**
 * undici's exports as a dynamic import hands them over. A bundler that inlines undici (it
 * is CommonJS) may give them as the namespace's `default` alone: esbuild's split chunks do,
 * and the `cdr` bundle is one.
 */
function undiciExports(loaded: Undici): Undici {
  if (typeof loaded.Agent === 'function') return loaded;
  return (loaded as unknown as { default: Undici }).default;
}
