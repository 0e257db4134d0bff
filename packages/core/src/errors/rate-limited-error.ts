import { CdrError, type CdrErrorOptions, errorMarker } from './cdr-error.js';

export interface RateLimitedErrorOptions extends CdrErrorOptions {
  /** How long to wait before trying again, when the provider said or it can be worked out. */
  retryAfterMs?: number | undefined;
}

/** The provider refused the request for its rate limit. Retried after `retryAfterMs`. */
export class RateLimitedError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'RateLimitedError');
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  readonly retryable = true;
  readonly retryAfterMs: number | undefined;

  constructor(options: RateLimitedErrorOptions) {
    super(options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
