import { createHash } from 'node:crypto';
import {
  AuthenticationError,
  CdrError,
  formatZonedDate,
  formatZonedDateTime,
  INDIA_TIME_ZONE,
  MalformedResponseError,
  NotFoundError,
  RateLimitedError,
  RateLimiter,
  ResponseValidationError,
} from '@cdr/core';
import {
  HttpClient,
  integerOption,
  type RateLimitSetting,
  Redactor,
  rateLimitSettingSchema,
  scrubError,
  type TransportOptions,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { isErrorStatus, ozonetelReportsError } from './ozonetel-reports-errors.js';
import { parseReportsBody } from './parse-reports-body.js';

/** `POST /ca_apis/CAToken/generateToken`, as NOTES gives it; a third-party reference writes `caToken`. */
export const defaultOzonetelTokenPath = '/ca_apis/CAToken/generateToken';
/** The other casing, tried once when the default answers 404 (only when `tokenPath` is not set). */
export const alternateOzonetelTokenPath = '/ca_apis/caToken/generateToken';
export const defaultOzonetelReportsPath = '/ca_reports/fetchCDRDetails';
/** Documented: a token is valid 60 minutes; at most 10 are issued an hour. */
export const ozonetelTokenLifetimeMs = 3_600_000;
export const ozonetelTokensPerHour = 10;
/** Documented: 2 requests a minute for the reports API. */
export const defaultOzonetelReportsRateLimit = { limit: 2, intervalMs: 60_000 } as const;
/** Margin added to the documented minute, so that two clocks never see 3 in one minute. */
export const ozonetelReportsSafetyMarginMs = 500;
/** Default cap on one day's body: streamed, so memory stays bounded whatever the cap. */
export const defaultOzonetelReportsMaxBodyBytes = 256 * 1024 * 1024;
/** Documented: one day per request, within the last 15 days. */
export const ozonetelReportsRetentionDays = 15;

const hourMs = 3_600_000;
const dayMs = 86_400_000;
// A token this close to its end is not used for a new request: it could expire in flight.
const tokenRefreshMarginMs = 30_000;

export interface OzonetelReportsSettings {
  /** The token endpoint's path. Default `/ca_apis/CAToken/generateToken` (casing unconfirmed: see README). */
  tokenPath?: string | undefined;
  /** The day listing's path. Default `/ca_reports/fetchCDRDetails`. */
  path?: string | undefined;
  /** The reports budget: default 2 a minute; a `RateLimiter` to share it; `false` for none. */
  rateLimit?: RateLimitSetting | undefined;
  /** Largest body of one day accepted, in bytes. Default 256 MiB (the body is streamed). */
  maxBodyBytes?: number | undefined;
  /** How long a token is used. Default 60 minutes, as documented. */
  tokenLifetimeMs?: number | undefined;
  /** Most tokens fetched in any hour. Default 10, as documented. */
  tokensPerHour?: number | undefined;
}

const pathSchema = z
  .string()
  .regex(/^\/[\w./-]*$/, 'expected a path such as /ca_apis/CAToken/generateToken');

export const reportsSettingsSchema = z.strictObject({
  tokenPath: pathSchema.optional(),
  path: pathSchema.optional(),
  rateLimit: rateLimitSettingSchema.optional(),
  maxBodyBytes: integerOption(1, 2 ** 40).optional(),
  tokenLifetimeMs: integerOption(60_000, 86_400_000).optional(),
  tokensPerHour: integerOption(1, 1000).optional(),
});

/** One IST day of a window: the part of the window on that date, both ends inclusive. */
export interface IstDay {
  date: string;
  from: Date;
  to: Date;
}

/**
 * Splits a window into the IST calendar days it touches (the API takes one date per
 * request): a window from 22:00 to 02:00 IST is two requests, `22:00:00–23:59:59` and
 * `00:00:00–02:00:00`.
 */
export function splitIntoIstDays(from: Date, to: Date): IstDay[] {
  const days: IstDay[] = [];
  let start = from.getTime();
  const end = to.getTime();
  while (start <= end) {
    const date = formatZonedDate(new Date(start), INDIA_TIME_ZONE);
    const next = Date.parse(`${date}T00:00:00+05:30`) + dayMs;
    days.push({ date, from: new Date(start), to: new Date(Math.min(end, next - 1)) });
    start = next;
  }
  return days;
}

/**
 * The token state of one account (base URL, user name, API key), shared by every instance
 * of it in the process: a new token invalidates the previous one, so two instances with
 * tokens of their own would expire each other's in turn. One token, one hourly count.
 */
interface SharedTokens {
  token: { value: string; issuedAt: number } | undefined;
  pending: Promise<string> | undefined;
  /** When tokens were issued, on the clock of the instance that fetched them. */
  issuedAt: number[];
  /** The last few tokens, kept out of errors. */
  issued: string[];
  redactor: Redactor;
}

const sharedTokens = new Map<string, WeakRef<SharedTokens>>();

function sharedTokensOf(options: ReportsClientOptions): SharedTokens {
  // Hashed: the map holds no API key.
  const key = createHash('sha256')
    .update(JSON.stringify([options.baseUrl, options.userName, options.apiKey]))
    .digest('hex');
  const existing = sharedTokens.get(key)?.deref();
  if (existing) return existing;
  const created: SharedTokens = {
    token: undefined,
    pending: undefined,
    issuedAt: [],
    issued: [],
    redactor: new Redactor([]),
  };
  sharedTokens.set(key, new WeakRef(created));
  return created;
}

export interface ReportsClientOptions {
  provider: string;
  instance: string;
  baseUrl: string;
  userName: string;
  apiKey: string;
  settings: OzonetelReportsSettings | undefined;
  transport: TransportOptions | undefined;
  now: () => Date;
}

/**
 * The `ca_reports` side of an Ozonetel account: bearer tokens fetched on demand and reused
 * until they expire, one request per IST day under the reports budget, the body streamed.
 */
export class OzonetelReportsClient {
  readonly rateLimiter: RateLimiter | undefined;
  readonly path: string;
  readonly #options: ReportsClientOptions;
  readonly #reports: HttpClient;
  readonly #tokens: HttpClient;
  readonly #maxBodyBytes: number;
  readonly #lifetimeMs: number;
  readonly #perHour: number;
  #tokenPath: string;
  readonly #tokenPathChosen: boolean;
  readonly #shared: SharedTokens;

  constructor(options: ReportsClientOptions) {
    this.#options = options;
    const settings = options.settings ?? {};
    this.path = settings.path ?? defaultOzonetelReportsPath;
    this.#tokenPath = settings.tokenPath ?? defaultOzonetelTokenPath;
    this.#tokenPathChosen = settings.tokenPath !== undefined;
    this.#shared = sharedTokensOf(options);
    this.#maxBodyBytes = settings.maxBodyBytes ?? defaultOzonetelReportsMaxBodyBytes;
    this.#lifetimeMs = settings.tokenLifetimeMs ?? ozonetelTokenLifetimeMs;
    this.#perHour = settings.tokensPerHour ?? ozonetelTokensPerHour;
    const limit = settings.rateLimit;
    this.rateLimiter =
      limit === false
        ? undefined
        : limit instanceof RateLimiter
          ? limit
          : new RateLimiter({
              ...(limit ?? defaultOzonetelReportsRateLimit),
              // Two clocks and the network between them: never 3 in the provider's minute.
              safetyMarginMs: Math.min(
                ozonetelReportsSafetyMarginMs,
                Math.ceil((limit ?? defaultOzonetelReportsRateLimit).intervalMs / 20),
              ),
            });
    const common = {
      ...options.transport,
      provider: options.provider,
      instance: options.instance,
      baseUrl: options.baseUrl,
      secrets: [options.apiKey],
    };
    this.#reports = new HttpClient({ ...common, rateLimiter: this.rateLimiter });
    // Tokens have their own budget (10 an hour), counted below.
    this.#tokens = new HttpClient(common);
  }

  get #who() {
    return { provider: this.#options.provider, instance: this.#options.instance };
  }

  get #windowMs(): number {
    return this.rateLimiter?.intervalMs ?? defaultOzonetelReportsRateLimit.intervalMs;
  }

  /** Removes every token this client was issued from an error. */
  scrub(error: unknown): unknown {
    return scrubError(error, this.#shared.redactor);
  }

  /** A valid token: the current one while it lasts, else a new one (one fetch at a time). */
  async token(signal: AbortSignal | undefined): Promise<string> {
    const shared = this.#shared;
    const now = this.#options.now().getTime();
    if (shared.token && now < shared.token.issuedAt + this.#lifetimeMs - tokenRefreshMarginMs)
      return shared.token.value;
    // Shared by every listing of the account: not tied to one listing's signal, so that
    // one stopping does not fail the others; each waits for it under its own signal.
    shared.pending ??= this.#fetchToken(undefined).finally(() => {
      shared.pending = undefined;
    });
    return untilAborted(shared.pending, signal);
  }

  /** Drops `stale` (refused as expired), so that the next `token()` fetches a new one. */
  invalidate(stale: string): void {
    if (this.#shared.token?.value === stale) this.#shared.token = undefined;
  }

  async #fetchToken(signal: AbortSignal | undefined): Promise<string> {
    const now = this.#options.now().getTime();
    const issuedAt = this.#shared.issuedAt;
    while (issuedAt.length > 0 && issuedAt[0]! <= now - hourMs) issuedAt.shift();
    if (issuedAt.length >= this.#perHour) {
      const retryAfterMs = issuedAt[0]! + hourMs - now;
      throw new RateLimitedError({
        ...this.#who,
        endpoint: `POST ${this.#tokenPath}`,
        retryAfterMs,
        message: `Ozonetel issues at most ${this.#perHour} tokens an hour; the next in ${Math.ceil(retryAfterMs / 1000)} s`,
      });
    }
    let body: unknown;
    try {
      body = await this.#requestToken(this.#tokenPath, signal);
    } catch (error) {
      if (!(error instanceof NotFoundError) || this.#tokenPathChosen) throw error;
      body = await this.#requestToken(alternateOzonetelTokenPath, signal);
      this.#tokenPath = alternateOzonetelTokenPath;
    }
    const token = (body as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new ResponseValidationError({
        ...this.#who,
        endpoint: `POST ${this.#tokenPath}`,
        issues: [{ path: 'token', message: 'expected a token' }],
        message: 'the token answer holds no token',
      });
    }
    const shared = this.#shared;
    shared.issuedAt.push(this.#options.now().getTime());
    shared.issued = [...shared.issued.slice(-4), token];
    shared.redactor = new Redactor(shared.issued);
    shared.token = { value: token, issuedAt: this.#options.now().getTime() };
    return token;
  }

  #requestToken(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    return this.#tokens.requestJson({
      method: 'POST',
      path,
      endpoint: `POST ${path}`,
      headers: { apiKey: this.#options.apiKey },
      json: { userName: this.#options.userName },
      signal,
      interpret: ({ body, provider, instance, endpoint }) => {
        if (typeof body !== 'object' || body === null) return undefined;
        const { status, message } = body as { status?: unknown; message?: unknown };
        if (!isErrorStatus(status) || typeof message !== 'string') return undefined;
        return ozonetelReportsError(message, { provider, instance, endpoint }, this.#windowMs);
      },
    });
  }

  /**
   * Lists one IST day (or part of one): every record is handed to `onRecord` as soon as
   * it is parsed, the raw record with `CallID` as exact digits. A body cut short is asked
   * for again, from its start: `onRecord` sees its first records again and must skip them.
   * "Token Expired" fetches a new token and asks once more.
   */
  async fetchDay(
    day: IstDay,
    onRecord: (record: unknown, index: number) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    const endpoint = `GET ${this.path}`;
    const request = {
      fromDate: formatZonedDateTime(day.from, INDIA_TIME_ZONE),
      toDate: formatZonedDateTime(day.to, INDIA_TIME_ZONE),
      userName: this.#options.userName,
    };
    for (let attempt = 1; ; attempt++) {
      const token = await this.token(signal);
      try {
        await this.#reports.requestStream(
          {
            method: 'GET',
            path: this.path,
            endpoint,
            headers: { authorization: `Bearer ${token}` },
            json: request,
            maxBytes: this.#maxBodyBytes,
            signal,
            interpret: ({ body, statusCode, provider, instance }) => {
              const options = { provider, instance, endpoint };
              const { status, message } = (
                typeof body === 'object' && body !== null ? body : {}
              ) as {
                status?: unknown;
                message?: unknown;
              };
              if (isErrorStatus(status) && typeof message === 'string')
                return ozonetelReportsError(message, options, this.#windowMs);
              if (statusCode === 429)
                return new RateLimitedError({
                  ...options,
                  retryAfterMs: this.#windowMs,
                  message: 'HTTP 429: the reports budget is spent',
                });
              return undefined;
            },
          },
          async (body) => {
            let envelope: Awaited<ReturnType<typeof parseReportsBody>>;
            try {
              envelope = await parseReportsBody(body, onRecord);
            } catch (error) {
              if (!(error instanceof SyntaxError)) throw error;
              throw new MalformedResponseError({
                ...this.#who,
                endpoint,
                message: `the response is not valid JSON: ${error.message}`,
              });
            }
            const { status, message } = envelope;
            if (isErrorStatus(status) && typeof message === 'string')
              throw ozonetelReportsError(message, { ...this.#who, endpoint }, this.#windowMs);
            if (envelope.details) return;
            if (typeof message === 'string' && /^No Data Found/i.test(message)) return;
            throw new ResponseValidationError({
              ...this.#who,
              endpoint,
              issues: [{ path: 'details', message: 'expected an array of records' }],
              message: 'unexpected answer: no `details` array',
            });
          },
        );
        return;
      } catch (error) {
        if (CdrError.isInstance(error) && error.code === 'token_expired') {
          this.invalidate(token);
          if (attempt === 1) continue;
          throw this.scrub(
            new AuthenticationError({
              ...this.#who,
              endpoint,
              message: 'Token Expired: a freshly issued token was refused as expired too',
            }),
          );
        }
        throw this.scrub(error);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#reports.close(), this.#tokens.close()]);
  }
}

/** `promise`, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
