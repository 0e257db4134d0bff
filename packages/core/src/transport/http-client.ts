import type { Dispatcher } from 'undici';
import {
  AuthenticationError,
  CdrError,
  CredentialExpiredError,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
  ResponseTooLargeError,
  TimeoutError,
} from '../errors/index.js';
import { parseOptions } from '../options/parse-options.js';
import { type ConnectionPoolOptions, createConnectionPool } from './connection-pool.js';
import { dispatchText, headerValue, type TextResponse } from './dispatch-text.js';
import {
  type BearerCredential,
  defaultTimeouts,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponseContext,
  httpClientOptionsSchema,
  type TransportTimeouts,
} from './http-client-options.js';
import { proxyRoutes } from './proxy-from-environment.js';
import type { RateLimiter, RateLimitSlot } from './rate-limiter.js';
import { Redactor } from './redact.js';
import {
  backoffDelayMs,
  defaultRetryOptions,
  parseRetryAfterMs,
  type RetryOptions,
} from './retry.js';
import { scrubError } from './scrub-error.js';
import { sleep } from './sleep.js';
import type { TransportEventListener } from './transport-event.js';
import { cdrUserAgent, withUserAgent } from './user-agent.js';
import { whenAborted } from './when-aborted.js';

export {
  type BearerCredential,
  defaultTimeouts,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponseContext,
  type TransportTimeouts,
} from './http-client-options.js';

const bodyExcerptLength = 500;

/** How `requestStream` hands its consumer to the shared request loop. */
const streamConsumer = Symbol('streamConsumer');
type StreamingRequest = HttpRequest & {
  [streamConsumer]?: {
    consume: (body: AsyncIterable<Buffer>) => Promise<unknown>;
    maxBytes: number;
  };
};

/**
 * The HTTP transport every provider shares: a keep-alive pool per origin on undici,
 * timeouts and an overall deadline, retries with backoff, a rate limiter, a cap on body
 * size, JSON decoding and secret redaction. Providers describe requests and how to read
 * answers; this class does the rest.
 */
// Headers whose values describe the request, not who sends it; every other header a user
// adds (`x-api-key`, `authorization`, a tenant's token) is treated as a secret.
const descriptiveHeaders = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-type',
  'user-agent',
]);

function headerSecrets(headers: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name, value]) => !descriptiveHeaders.has(name.toLowerCase()) && value !== '')
    .map(([, value]) => value);
}

export class HttpClient {
  readonly provider: string;
  readonly instance: string | undefined;
  /** Removes this client's secrets, in every form, from text and values: see `Redactor`. */
  readonly redactor: Redactor;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #timeouts: TransportTimeouts;
  readonly #retry: RetryOptions;
  readonly #rateLimiter: RateLimiter | undefined;
  readonly #maxResponseBytes: number;
  readonly #headers: Record<string, string>;
  readonly #onEvent: TransportEventListener | undefined;
  /** The caller's dispatcher; absent, the client owns its pool. */
  readonly #givenDispatcher: Dispatcher | undefined;
  readonly #poolOptions: ConnectionPoolOptions;
  /** The client's own pool, created on the first request (see createConnectionPool). */
  #pool: Promise<Dispatcher> | undefined;
  #closing: Promise<void> | undefined;
  readonly #random: () => number;
  readonly #now: () => Date;

  constructor(settings: HttpClientOptions) {
    const options = parseOptions(httpClientOptionsSchema, settings, {
      what: 'transport options',
      provider: (settings as Partial<HttpClientOptions> | undefined)?.provider,
      instance: (settings as Partial<HttpClientOptions> | undefined)?.instance,
    });
    this.provider = options.provider;
    this.instance = options.instance;
    if (options.proxy && options.dispatcher) {
      throw new InvalidRequestError({
        ...this.#who,
        message:
          'invalid transport options: `proxy` and `dispatcher` exclude each other (a dispatcher of your own routes requests itself)',
      });
    }
    // Read once, here: a bad proxy URL fails the client's creation, before any request.
    const proxy = proxyRoutes(options.proxy, this.#who);
    this.redactor = new Redactor([
      ...(options.secrets ?? []),
      ...(proxy?.secrets ?? []),
      ...headerSecrets(options.headers),
      ...(options.redact ?? []),
    ]);
    const url = new URL(options.baseUrl);
    this.#origin = url.origin;
    this.#basePath = url.pathname.replace(/\/$/, '');
    this.#timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.#retry =
      options.retry === false
        ? { ...defaultRetryOptions, maxRetries: 0 }
        : { ...defaultRetryOptions, ...options.retry };
    this.#rateLimiter = options.rateLimiter;
    this.#maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
    this.#headers = withUserAgent(options.headers ?? {}, cdrUserAgent(options.userAgentPackage));
    this.#onEvent = options.onEvent;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? (() => new Date());
    this.#givenDispatcher = options.dispatcher;
    this.#poolOptions = { connections: options.connections ?? 16, timeouts: this.#timeouts, proxy };
  }

  /** The dispatcher requests go through: the caller's, or the client's pool, made once. */
  #dispatcher(): Dispatcher | Promise<Dispatcher> {
    if (this.#givenDispatcher) return this.#givenDispatcher;
    this.#pool ??= createConnectionPool(this.#poolOptions);
    return this.#pool;
  }

  /** Who failed, for errors: the provider family and, when set, the instance. */
  get #who() {
    return { provider: this.provider, instance: this.instance };
  }

  /** Sends a request and returns its decoded JSON body, retrying as configured. */
  async requestJson(request: HttpRequest): Promise<unknown> {
    const endpoint = request.endpoint ?? `${request.method} ${request.path}`;
    // One controller per request, aborted by the deadline or by the caller's signal (a
    // listing's, long-lived). Not `AbortSignal.any([request.signal, deadline])`, which ties
    // each request's signal to the caller's through a WeakRef (V8's scavenges keep WeakRef
    // targets alive), nor a listener per request on the caller's signal: see
    // `whenAborted`. Either kept every request's objects alive into the old generation.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.#timeouts.totalMs);
    const stopWaiting = request.signal
      ? whenAborted(request.signal, (reason) => deadline.abort(reason))
      : undefined;
    const signal = deadline.signal;
    const deadlineError = () =>
      new TimeoutError({
        ...this.#who,
        endpoint,
        phase: 'deadline',
        message: `no answer within the overall deadline of ${this.#timeouts.totalMs} ms`,
      });
    const rateLimiter =
      request.rateLimiter === false ? undefined : (request.rateLimiter ?? this.#rateLimiter);
    // Re-authenticating is a retry class of its own: once per request, at once, and not
    // counted against the backoff retries.
    let reauthenticated = false;
    try {
      for (let attempt = 1; ; attempt++) {
        let error: CdrError;
        let token: string | undefined;
        try {
          if (request.bearer) token = await this.#token(request.bearer, endpoint, attempt, signal);
        } catch (caught) {
          if (request.signal?.aborted) throw request.signal.reason;
          if (deadline.signal.aborted) throw deadlineError();
          throw caught;
        }
        try {
          return await this.#attempt(
            request,
            endpoint,
            attempt,
            signal,
            rateLimiter,
            token === undefined ? undefined : bearerHeaders(request.bearer!, token),
          );
        } catch (caught) {
          if (request.signal?.aborted) throw request.signal.reason;
          if (deadline.signal.aborted) throw deadlineError();
          error = caught as CdrError;
        }
        if (token !== undefined && CredentialExpiredError.isInstance(error)) {
          request.bearer!.tokens.invalidate(token);
          if (reauthenticated) {
            throw scrubError(
              new AuthenticationError({
                ...this.#who,
                endpoint,
                message: 'a freshly obtained token was refused as expired too',
                cause: error,
              }),
              this.redactor,
            );
          }
          reauthenticated = true;
          this.#onEvent?.({
            type: 'retry',
            ...this.#who,
            endpoint,
            attempt,
            delayMs: 0,
            error: { code: error.code, message: error.message },
          });
          continue;
        }
        const delayMs = this.#retryDelay(error, attempt - (reauthenticated ? 1 : 0));
        if (delayMs === undefined) throw error;
        if (error instanceof RateLimitedError) rateLimiter?.pauseFor(delayMs);
        this.#onEvent?.({
          type: 'retry',
          ...this.#who,
          endpoint,
          attempt,
          delayMs,
          error: { code: error.code, message: error.message },
        });
        try {
          await sleep(delayMs, signal);
        } catch {
          if (request.signal?.aborted) throw request.signal.reason;
          throw deadlineError();
        }
      }
    } finally {
      clearTimeout(timer);
      stopWaiting?.();
    }
  }

  /** The request's token, every wait for it reported and tied to `signal`. */
  #token(
    bearer: BearerCredential,
    endpoint: string,
    attempt: number,
    signal: AbortSignal,
  ): Promise<string> {
    return bearer.tokens.token({
      client: this,
      signal,
      maxWaitMs: this.#retry.maxRetryAfterMs,
      onWait: ({ reason, waitMs }) =>
        this.#onEvent?.({
          type: 'token-wait',
          ...this.#who,
          endpoint,
          attempt,
          reason,
          ...(waitMs !== undefined ? { waitMs } : {}),
        }),
    });
  }

  /**
   * Sends a request and hands a 2xx answer's body, as it streams in, to `consume`, with
   * the same rate limit, timeouts, retries, byte cap (`maxBytes`, default the client's)
   * and error mapping as `requestJson`. Answers of other statuses are read whole and
   * mapped as `requestJson` maps them. A retried request calls `consume` again from the
   * start of a fresh body: a consumer that hands records on must skip those it already
   * handed (a body cut short is retried). `consume`'s own typed errors (an error inside a
   * 200 body, say) are retried when retryable.
   */
  async requestStream<T>(
    request: HttpRequest & { maxBytes?: number },
    consume: (body: AsyncIterable<Buffer>) => Promise<T>,
  ): Promise<T> {
    return (await this.requestJson({
      ...request,
      [streamConsumer]: { consume, maxBytes: request.maxBytes ?? this.#maxResponseBytes },
    } as HttpRequest)) as T;
  }

  /** Closes the connection pool (when the client created it); closing again does nothing more. */
  async close(): Promise<void> {
    if (this.#givenDispatcher) return;
    // undici refuses to close a pool twice (it is destroyed by then). A client closed before
    // any request closes a pool too, so that a request after close fails as it always has.
    this.#closing ??= Promise.resolve(this.#dispatcher()).then((pool) => pool.close());
    await this.#closing;
  }

  #retryDelay(error: CdrError, attempt: number): number | undefined {
    if (!error.retryable || attempt > this.#retry.maxRetries) return undefined;
    if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= this.#retry.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    return backoffDelayMs(attempt - 1, this.#retry, this.#random);
  }

  #redact(text: string): string {
    return this.redactor.redact(text);
  }

  #url(request: HttpRequest): string {
    let path = this.#basePath + request.path;
    if (request.query) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query)) {
        if (value !== undefined) search.set(key, String(value));
      }
      const text = search.toString();
      if (text) path += `?${text}`;
    }
    return path;
  }

  async #attempt(
    request: HttpRequest,
    endpoint: string,
    attempt: number,
    signal: AbortSignal,
    rateLimiter: RateLimiter | undefined,
    credentialHeaders: Record<string, string> | undefined,
  ): Promise<unknown> {
    const who = this.#who;
    const slot = rateLimiter
      ? await takeSlot(rateLimiter, signal, (waitMs) =>
          this.#onEvent?.({ type: 'rate-limit-wait', ...who, endpoint, attempt, waitMs }),
        )
      : undefined;
    // The slot counts until a window after the answer (see RateLimiter): settled as soon
    // as the provider has answered; abandoned (a window longer) when no answer came.
    let answered = false;
    const onAnswer = () => {
      answered = true;
      slot?.settle();
    };
    try {
      return await this.#exchange(request, endpoint, attempt, signal, credentialHeaders, onAnswer);
    } finally {
      if (!answered) slot?.abandon();
    }
  }

  /** One request sent and its answer read, parsed and classified; `answered` once it is in. */
  async #exchange(
    request: HttpRequest,
    endpoint: string,
    attempt: number,
    signal: AbortSignal,
    credentialHeaders: Record<string, string> | undefined,
    answered: () => void,
  ): Promise<unknown> {
    const who = this.#who;
    const path = this.#url(request);
    this.#onEvent?.({
      type: 'request',
      ...who,
      endpoint,
      attempt,
      method: request.method,
      url: this.#redact(this.#origin + path),
    });
    const startedAt = performance.now();
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.#headers,
      ...request.headers,
      ...credentialHeaders,
    };
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }

    let response: TextResponse;
    const stream = (request as StreamingRequest)[streamConsumer];
    try {
      if (stream) {
        // A body consumed as it streams (a day of Ozonetel reports): one request, so
        // `request()`'s stream is what it needs (see dispatch-text.ts for the others).
        const streamed = await (await this.#dispatcher()).request({
          origin: this.#origin,
          path,
          method: request.method,
          headers,
          body,
          signal,
          headersTimeout: this.#timeouts.headersMs,
          bodyTimeout: this.#timeouts.bodyMs,
        });
        answered();
        if (streamed.statusCode >= 200 && streamed.statusCode < 300) {
          let bytes = 0;
          const result = await stream.consume(
            this.#cappedBody(streamed, endpoint, stream.maxBytes, (size) => {
              bytes = size;
            }),
          );
          this.#onEvent?.({
            type: 'response',
            ...who,
            endpoint,
            attempt,
            statusCode: streamed.statusCode,
            durationMs: performance.now() - startedAt,
            bytes,
          });
          return result;
        }
        // An error answer is read whole, as any other, to be classified below.
        const chunks: Buffer[] = [];
        for await (const chunk of this.#cappedBody(
          streamed,
          endpoint,
          this.#maxResponseBytes,
          () => undefined,
        ))
          chunks.push(chunk);
        const whole = Buffer.concat(chunks);
        response = {
          statusCode: streamed.statusCode,
          headers: streamed.headers as TextResponse['headers'],
          text: whole.toString('utf8'),
          bytes: whole.length,
        };
      } else {
        response = await dispatchText(
          await this.#dispatcher(),
          {
            origin: this.#origin,
            path,
            method: request.method,
            headers,
            body: body ?? null,
            headersTimeout: this.#timeouts.headersMs,
            bodyTimeout: this.#timeouts.bodyMs,
          },
          {
            signal,
            maxBytes: this.#maxResponseBytes,
            tooLarge: () => this.#tooLarge(endpoint, this.#maxResponseBytes),
          },
        );
      }
    } catch (error) {
      if (CdrError.isInstance(error)) throw scrubError(error, this.redactor);
      throw this.#networkError(error, endpoint);
    }
    answered();
    const text = response.text;
    this.#onEvent?.({
      type: 'response',
      ...who,
      endpoint,
      attempt,
      statusCode: response.statusCode,
      durationMs: performance.now() - startedAt,
      bytes: response.bytes,
    });

    const ok = response.statusCode >= 200 && response.statusCode < 300;
    let parsed: unknown;
    try {
      parsed = text.length === 0 ? undefined : JSON.parse(text);
    } catch {
      if (ok) {
        throw new MalformedResponseError({
          ...who,
          endpoint,
          message: `the ${response.statusCode} response is not valid JSON`,
          responseBody: this.#excerpt(text),
        });
      }
      parsed = text;
    }
    const context: HttpResponseContext = {
      statusCode: response.statusCode,
      headers: response.headers,
      body: parsed,
      ...who,
      endpoint,
      retryAfterMs: parseRetryAfterMs(headerValue(response.headers, 'retry-after'), this.#now()),
    };
    const interpreted = request.interpret?.(context);
    // Built from the answer, which may quote the request: redacted before it leaves.
    if (interpreted) throw scrubError(interpreted, this.redactor);
    if (ok) return parsed;
    throw this.#statusError(context, text);
  }

  #tooLarge(endpoint: string, limit: number): ResponseTooLargeError {
    return new ResponseTooLargeError({
      ...this.#who,
      endpoint,
      limitBytes: limit,
      message: `the response body exceeds the ${limit}-byte limit`,
    });
  }

  /** A body as it streams, refused past `limit` bytes; `onSize` learns the bytes read. */
  async *#cappedBody(
    response: Dispatcher.ResponseData,
    endpoint: string,
    limit: number,
    onSize: (bytes: number) => void,
  ): AsyncGenerator<Buffer, void, undefined> {
    const tooLarge = () => {
      // Destroying emits an error the caller never reads; the typed error replaces it.
      response.body.on('error', () => undefined).destroy();
      return this.#tooLarge(endpoint, limit);
    };
    const declared = Number(headerValue(response.headers, 'content-length'));
    if (declared > limit) throw tooLarge();
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > limit) throw tooLarge();
        onSize(size);
        yield chunk as Buffer;
      }
    } finally {
      // A consumer that stopped early (or failed) leaves the rest unread: free the socket.
      if (!response.body.readableEnded) response.body.on('error', () => undefined).destroy();
    }
  }

  #excerpt(text: string): string {
    const redacted = this.#redact(text);
    return redacted.length > bodyExcerptLength
      ? `${redacted.slice(0, bodyExcerptLength)}…`
      : redacted;
  }

  #networkError(error: unknown, endpoint: string): CdrError {
    if (error instanceof ResponseTooLargeError) return error;
    const code = (error as { code?: string }).code;
    const message = this.#redact(error instanceof Error ? error.message : String(error));
    // Keep a secret-free cause: undici errors can carry request options.
    const cause = { name: error instanceof Error ? error.name : 'Error', code, message };
    const options = { ...this.#who, endpoint, cause };
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT':
        return new TimeoutError({
          ...options,
          phase: 'connect',
          message: `connect timeout: ${message}`,
        });
      case 'UND_ERR_HEADERS_TIMEOUT':
        return new TimeoutError({
          ...options,
          phase: 'headers',
          message: `headers timeout: ${message}`,
        });
      case 'UND_ERR_BODY_TIMEOUT':
        return new TimeoutError({ ...options, phase: 'body', message: `body timeout: ${message}` });
      default:
        return new NetworkError({ ...options, message: `${code ?? 'network error'}: ${message}` });
    }
  }

  #statusError(context: HttpResponseContext, text: string): CdrError {
    const { statusCode, endpoint } = context;
    const responseBody = this.#excerpt(text);
    const detail = responseBody ? `: ${responseBody}` : '';
    const options = { ...this.#who, endpoint, message: `HTTP ${statusCode}${detail}` };
    if (statusCode === 401 || statusCode === 403) return new AuthenticationError(options);
    if (statusCode === 404) return new NotFoundError(options);
    if (statusCode === 429) {
      return new RateLimitedError({
        ...options,
        retryAfterMs: context.retryAfterMs,
      });
    }
    if (statusCode === 400 || statusCode === 422) return new InvalidRequestError(options);
    return new ProviderError({ ...options, statusCode, responseBody });
  }
}

function bearerHeaders(bearer: BearerCredential, token: string): Record<string, string> {
  return bearer.headers ? bearer.headers(token) : { authorization: `Bearer ${token}` };
}

/**
 * A slot of `limiter`. A limiter from another copy of core, accepted by shape, may predate
 * `take`: its `acquire` counts the window from the grant, as it always did.
 */
async function takeSlot(
  limiter: RateLimiter,
  signal: AbortSignal,
  onWait: (waitMs: number) => void,
): Promise<RateLimitSlot> {
  if (typeof (limiter as Partial<RateLimiter>).take === 'function')
    return limiter.take(signal, onWait);
  const waitedMs = await limiter.acquire(signal, onWait);
  return { waitedMs, settle: () => undefined, abandon: () => undefined };
}
