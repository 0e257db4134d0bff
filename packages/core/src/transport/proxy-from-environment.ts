import { InvalidRequestError } from '../errors/index.js';
import { describeUrl } from '../options/base-url.js';

/** Environment variables, as `process.env` holds them. */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Where the transport finds its forward proxy: `'environment'` reads `process.env` when the
 * client is created, `{ environment }` reads the variables given (an application's own
 * environment, a test's). Either way `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (the
 * lower-case names first) as curl and undici read them. `false`, the default: no proxy.
 */
export type ProxySetting = false | 'environment' | { environment: ProxyEnvironment };

/** The proxies the environment names, as undici's `EnvHttpProxyAgent` takes them. */
export interface ProxyRoutes {
  /** For `http:` origins; `''` for none. */
  httpProxy: string;
  /** For `https:` origins (tunnelled with CONNECT); `''` for none, then `httpProxy` serves them too. */
  httpsProxy: string;
  /** Hosts (`host`, `.domain`, `*.domain`, `host:port`, `*`) reached directly; `''` for none. */
  noProxy: string;
  /** The credentials the proxy URLs hold: secrets, kept out of errors and events. */
  secrets: string[];
}

interface Who {
  provider?: string | undefined;
  instance?: string | undefined;
}

/** A variable's value, the lower-case name first (curl's order); blank counts as unset. */
function variable(environment: ProxyEnvironment, name: string): string | undefined {
  for (const key of [name.toLowerCase(), name]) {
    const value = environment[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * A proxy URL from a variable, checked: `http://` or `https://` (a bare `host:port` is taken
 * as `http://host:port`, as curl takes it). The error names the variable and never its
 * value's credentials.
 */
function proxyUrl(
  environment: ProxyEnvironment,
  name: 'HTTP_PROXY' | 'HTTPS_PROXY',
  who: Who,
  secrets: string[],
): string {
  const value = variable(environment, name);
  if (value === undefined) return '';
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new InvalidRequestError({
      ...who,
      message: `${name} (or ${name.toLowerCase()}) must be a proxy URL like http://proxy.example:3128, got ${describeUrl(text)}`,
    });
  }
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  // A password is the secret; a user name alone is one too (a token as the user).
  if (password) secrets.push(password, `${username}:${password}`);
  else if (username) secrets.push(username);
  return text;
}

/**
 * The proxy routes a setting names, or `undefined` when it names no proxy (nothing set, or
 * only `NO_PROXY`): the client then connects directly.
 */
export function proxyRoutes(setting: ProxySetting | undefined, who: Who): ProxyRoutes | undefined {
  if (setting === undefined || setting === false) return undefined;
  const environment = setting === 'environment' ? process.env : setting.environment;
  const secrets: string[] = [];
  const httpProxy = proxyUrl(environment, 'HTTP_PROXY', who, secrets);
  const httpsProxy = proxyUrl(environment, 'HTTPS_PROXY', who, secrets);
  if (httpProxy === '' && httpsProxy === '') return undefined;
  return { httpProxy, httpsProxy, noProxy: variable(environment, 'NO_PROXY') ?? '', secrets };
}
