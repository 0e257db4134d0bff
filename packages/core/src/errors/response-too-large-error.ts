import { CdrError, type CdrErrorOptions, errorMarker } from './cdr-error.js';

/** The response body was larger than the configured cap. */
export class ResponseTooLargeError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'ResponseTooLargeError');
  override readonly name = 'ResponseTooLargeError';
  readonly code = 'response_too_large';
  readonly retryable = false;
  readonly limitBytes: number;

  constructor(options: CdrErrorOptions & { limitBytes: number }) {
    super(options);
    this.limitBytes = options.limitBytes;
  }
}
