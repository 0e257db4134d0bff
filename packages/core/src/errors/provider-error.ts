import { CdrError, type CdrErrorOptions, errorMarker } from './cdr-error.js';

export interface ProviderErrorOptions extends CdrErrorOptions {
  statusCode?: number | undefined;
  /** A short, redacted excerpt of the response body. */
  responseBody?: string | undefined;
  retryable?: boolean | undefined;
}

/** The provider answered with an error of its own (5xx and unexpected statuses; 5xx and 408 are retried). */
export class ProviderError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'ProviderError');
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
