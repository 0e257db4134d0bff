import { CdrError, type CdrErrorCode, type CdrErrorOptions } from './cdr-error.js';

/** The credentials were missing, wrong or expired. Never retried. */
export class AuthenticationError extends CdrError {
  static override readonly codes = ['authentication'] as const;
  override readonly name = 'AuthenticationError';
  readonly code = 'authentication';
  readonly retryable = false;
}

/** The request was rejected as invalid, by the provider or before sending. Never retried. */
export class InvalidRequestError extends CdrError {
  static override readonly codes = ['invalid_request'] as const;
  override readonly name = 'InvalidRequestError';
  readonly code = 'invalid_request';
  readonly retryable = false;
}

/** The provider has no such resource. */
export class NotFoundError extends CdrError {
  static override readonly codes = ['not_found'] as const;
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
  readonly retryable = false;
}

export interface RateLimitedErrorOptions extends CdrErrorOptions {
  /** How long to wait before trying again, when the provider said or it can be worked out. */
  retryAfterMs?: number | undefined;
}

/** The provider refused the request for its rate limit. Retried after `retryAfterMs`. */
export class RateLimitedError extends CdrError {
  static override readonly codes = ['rate_limited'] as const;
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  readonly retryable = true;
  readonly retryAfterMs: number | undefined;

  constructor(options: RateLimitedErrorOptions) {
    super(options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface ProviderErrorOptions extends CdrErrorOptions {
  statusCode?: number | undefined;
  /** A short, redacted excerpt of the response body. */
  responseBody?: string | undefined;
  retryable?: boolean | undefined;
}

/** The provider answered with an error of its own (5xx and unexpected statuses; 5xx and 408 are retried). */
export class ProviderError extends CdrError {
  static override readonly codes = ['provider_error'] as const;
  override readonly name = 'ProviderError';
  readonly code = 'provider_error';
  readonly retryable: boolean;
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;

  constructor(options: ProviderErrorOptions) {
    super(options);
    this.statusCode = options.statusCode;
    this.responseBody = options.responseBody;
    const status = options.statusCode;
    this.retryable =
      options.retryable ?? (status !== undefined && (status >= 500 || status === 408));
  }
}

/** The connection failed or broke: refused, reset, closed mid-body. Retried. */
export class NetworkError extends CdrError {
  static override readonly codes: readonly CdrErrorCode[] = ['network', 'timeout'];
  override readonly name: string = 'NetworkError';
  readonly code: 'network' | 'timeout' = 'network';
  readonly retryable = true;
}

export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'deadline';

/** A connect, headers or body timeout, or the overall deadline, ran out. */
export class TimeoutError extends NetworkError {
  static override readonly codes = ['timeout'] as const;
  override readonly name = 'TimeoutError';
  override readonly code = 'timeout';
  readonly phase: TimeoutPhase;

  constructor(options: CdrErrorOptions & { phase: TimeoutPhase }) {
    super(options);
    this.phase = options.phase;
  }
}

/** The response body was not the JSON it claimed to be. */
export class MalformedResponseError extends CdrError {
  static override readonly codes = ['malformed_response'] as const;
  override readonly name = 'MalformedResponseError';
  readonly code = 'malformed_response';
  readonly retryable = false;
  readonly responseBody: string | undefined;

  constructor(options: CdrErrorOptions & { responseBody?: string | undefined }) {
    super(options);
    this.responseBody = options.responseBody;
  }
}

/** The response body was larger than the configured cap. */
export class ResponseTooLargeError extends CdrError {
  static override readonly codes = ['response_too_large'] as const;
  override readonly name = 'ResponseTooLargeError';
  readonly code = 'response_too_large';
  readonly retryable = false;
  readonly limitBytes: number;

  constructor(options: CdrErrorOptions & { limitBytes: number }) {
    super(options);
    this.limitBytes = options.limitBytes;
  }
}

export interface ResponseValidationIssue {
  /** Where in the response, e.g. `cdr[3].time`. */
  path: string;
  message: string;
}

/** The response parsed but did not have the shape the mapping needs (schema drift). */
export class ResponseValidationError extends CdrError {
  static override readonly codes = ['response_validation'] as const;
  override readonly name = 'ResponseValidationError';
  readonly code = 'response_validation';
  readonly retryable = false;
  readonly issues: readonly ResponseValidationIssue[];

  constructor(options: CdrErrorOptions & { issues: readonly ResponseValidationIssue[] }) {
    super(options);
    this.issues = options.issues;
  }

  /** The first offending path, e.g. `cdr[3].time`. */
  get path(): string | undefined {
    return this.issues[0]?.path;
  }
}

/** The provider cannot serve this: a capability it lacks or a filter it cannot apply. */
export class UnsupportedError extends CdrError {
  static override readonly codes = ['unsupported'] as const;
  override readonly name = 'UnsupportedError';
  readonly code = 'unsupported';
  readonly retryable = false;
  /** What the provider can serve instead, e.g. `{ directions: ['outbound'] }`. */
  readonly supported: Readonly<Record<string, unknown>> | undefined;

  constructor(options: CdrErrorOptions & { supported?: Readonly<Record<string, unknown>> }) {
    super(options);
    this.supported = options.supported;
  }
}
