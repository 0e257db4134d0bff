import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { CdrError } from '../errors/index.js';
import { baseUrlSchema } from '../options/base-url.js';
import {
  functionOption,
  integerOption,
  nonNegativeOption,
  positiveOption,
} from '../options/parse-options.js';
import type { ProxySetting } from './proxy-from-environment.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RetryOptions } from './retry.js';
import { Secret } from './secret.js';
import type { TokenManager } from './token-manager.js';
import type { TransportEventListener } from './transport-event.js';
import type { PackageIdentity } from './user-agent.js';

export interface TransportTimeouts {
  /** Establishing the TCP/TLS connection. Default 10 s. */
  connectMs: number;
  /** From sending the request to the response headers. Default 30 s. */
  headersMs: number;
  /** Longest silence while the body streams. Default 30 s. */
  bodyMs: number;
  /** One whole call, all retries and waits included. Default 5 min. */
  totalMs: number;
}

export const defaultTimeouts: TransportTimeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  totalMs: 300_000,
};

export interface HttpClientOptions {
  /** Names the provider family in errors and events, e.g. `telecmi`. */
  provider: string;
  /** Names the provider instance (account) in errors and events, e.g. `telecmi:rest-user`. */
  instance?: string | undefined;
  /** `https://…`, or `http://` to a loopback address (simulators, local proxies). */
  baseUrl: string;
  /** Values that must never appear in an error, event or log: tokens, keys, app secrets. */
  secrets?: readonly (string | Secret)[];
  timeouts?: Partial<TransportTimeouts>;
  /** `false` to never retry. */
  retry?: Partial<RetryOptions> | false;
  /** Shared with other clients of the same account to keep to its budget together. */
  rateLimiter?: RateLimiter | undefined;
  /** Bodies larger than this are refused. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Keep-alive connections per origin. Default 16. */
  connections?: number;
  /**
   * Headers sent with every request. A `user-agent` here is put before cdr's own User-Agent
   * (`myapp/2.0 cdr/0.1.0 @cdr/twilio/0.1.0 node/24.1.0`), never in place of it.
   */
  /**
   * More secrets to keep out of every error, event and Call, beside the provider's own: a
   * tool holding several accounts passes every account's, so one account's secret echoed
   * in another's records is removed too.
   */
  redact?: readonly string[] | undefined;
  headers?: Record<string, string>;
  onEvent?: TransportEventListener | undefined;
  /**
   * Send requests through the forward proxy that `HTTP_PROXY` / `HTTPS_PROXY` name, except to
   * the hosts in `NO_PROXY` (lower-case names first; undici's `EnvHttpProxyAgent`), with this
   * client's timeouts and keep-alive pool: `'environment'` reads `process.env`,
   * `{ environment: env }` the variables given. Default `false`: connect directly, whatever
   * the environment says. Credentials in a proxy URL are kept out of errors and events.
   */
  proxy?: ProxySetting | undefined;
  /** A custom undici dispatcher (proxy agent, mock agent); the client then does not own its pool. Not with `proxy`. */
  dispatcher?: Dispatcher;
  /** The jitter source, injectable for tests. Default `Math.random`. */
  random?: () => number;
  /** The clock a `Retry-After` date is judged on. Default the system clock; providers pass their own. */
  now?: (() => Date) | undefined;
  /**
   * The package sending through this client, named in the User-Agent after cdr:
   * the provider's package, set by the provider kit from the provider's definition.
   */
  userAgentPackage?: PackageIdentity | undefined;
}

/** The transport settings a provider's user may tune: everything the provider does not set itself. */
export type TransportOptions = Omit<
  HttpClientOptions,
  'provider' | 'instance' | 'baseUrl' | 'secrets' | 'rateLimiter' | 'now' | 'userAgentPackage'
>;

export interface HttpResponseContext {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the raw text when it was not JSON (error statuses only). */
  body: unknown;
  provider: string;
  /** The provider instance, when the client has one. */
  instance?: string | undefined;
  endpoint: string;
  /** The answer's `Retry-After`, in ms from now on the client's clock (seconds or an HTTP date), when it has one. */
  retryAfterMs: number | undefined;
}

/** A bearer credential a request carries, obtained at run time: see `TokenManager`. */
export interface BearerCredential {
  tokens: TokenManager;
  /** The headers that carry a token. Default `authorization: Bearer <token>`. */
  headers?: ((token: string) => Record<string, string>) | undefined;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Names the call in errors and events. Default `METHOD path`. */
  endpoint?: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as a JSON body (also with GET: some APIs, Ozonetel's reports among them, want one). */
  json?: unknown;
  /** Sent as is, e.g. a form; give its `content-type` in `headers`. */
  body?: string;
  /** Headers for this request only (e.g. a bearer token). */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** This request's budget instead of the client's (another API of the account), or `false` for none. */
  rateLimiter?: RateLimiter | false | undefined;
  /**
   * A token obtained at run time, sent with each attempt. An answer `interpret` reads as a
   * `CredentialExpiredError` drops it and sends the request once more with a fresh one.
   */
  bearer?: BearerCredential | undefined;
  /**
   * The provider's reading of an answer: return a typed error for answers that mean one
   * (an error in a 200 body, a 404 that means bad credentials), `undefined` to accept a
   * 2xx body or fall back to the status-code mapping.
   */
  interpret?: (response: HttpResponseContext) => CdrError | undefined;
}

const timeoutsSchema = z.strictObject({
  connectMs: positiveOption('duration in ms').optional(),
  headersMs: positiveOption('duration in ms').optional(),
  bodyMs: positiveOption('duration in ms').optional(),
  totalMs: positiveOption('duration in ms').optional(),
});

const retrySchema = z.union([
  z.literal(false),
  z.strictObject({
    maxRetries: integerOption(0, 100).optional(),
    baseDelayMs: nonNegativeOption('duration in ms').optional(),
    maxDelayMs: nonNegativeOption('duration in ms').optional(),
    maxRetryAfterMs: nonNegativeOption('duration in ms').optional(),
  }),
]);

/** The settings of the transport a provider's user may pass (`transport: {…}`), checked strictly. */
export const transportOptionsSchema = z.strictObject({
  timeouts: timeoutsSchema.optional(),
  retry: retrySchema.optional(),
  maxResponseBytes: integerOption(1, 2 ** 40).optional(),
  connections: integerOption(1, 1024).optional(),
  // RFC 9110 field names are tokens; a value may not hold CR, LF or NUL (a request would be
  // split, or refused by undici on every try and retried as a network error).
  headers: z
    .record(
      z.string(),
      z
        .string()
        .refine((value) => !/[\r\n\0]/.test(value), 'a header value may not hold CR, LF or NUL'),
    )
    .superRefine((headers, context) => {
      for (const name of Object.keys(headers)) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
          context.addIssue({
            code: 'custom',
            path: [name],
            message: 'expected a header name (an RFC 9110 token)',
          });
      }
    })
    .optional(),
  onEvent: functionOption<TransportEventListener>().optional(),
  redact: z.array(z.string()).optional(),
  dispatcher: z
    .custom<Dispatcher>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        // The transport sends through `dispatch` (see dispatch-text.ts).
        typeof (value as Dispatcher).dispatch === 'function',
      { message: 'expected an undici Dispatcher' },
    )
    .optional(),
  random: functionOption<() => number>().optional(),
  proxy: z
    .union(
      [
        z.literal(false),
        z.literal('environment'),
        z.strictObject({
          // `process.env` itself is the usual value: an object zod's record does not take.
          environment: z.custom<Readonly<Record<string, string | undefined>>>(
            (value) =>
              typeof value === 'object' &&
              value !== null &&
              Object.values(value).every((item) => item === undefined || typeof item === 'string'),
          ),
        }),
      ],
      { error: "expected false, 'environment' or { environment: { NAME: 'value', … } }" },
    )
    .optional(),
});

/** Every HttpClient option, checked strictly when a client is created. */
export const httpClientOptionsSchema = transportOptionsSchema.extend({
  provider: z.string().min(1),
  instance: z.string().min(1).optional(),
  now: functionOption<() => Date>().optional(),
  userAgentPackage: z
    .strictObject({ name: z.string().min(1), version: z.string().min(1) })
    .optional(),
  baseUrl: baseUrlSchema,
  secrets: z
    .array(
      z.union([
        z.string(),
        z.custom<Secret>((value) => value instanceof Secret, {
          message: 'expected a string or Secret',
        }),
      ]),
    )
    .optional(),
  // Checked by shape, not class: a limiter from another copy of core is as good.
  rateLimiter: z
    .custom<RateLimiter>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as RateLimiter).acquire === 'function' &&
        typeof (value as RateLimiter).pauseFor === 'function',
      { message: 'expected a RateLimiter' },
    )
    .optional(),
});
