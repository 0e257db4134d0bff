import { CdrError, type CdrErrorOptions, errorMarker } from './cdr-error.js';

/** The response body was not the JSON it claimed to be. */
export class MalformedResponseError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'MalformedResponseError');
  override readonly name = 'MalformedResponseError';
  readonly code = 'malformed_response';
  readonly retryable = false;
  /** A short, redacted excerpt of the body. */
  readonly responseBody: string | undefined;

  constructor(options: CdrErrorOptions & { responseBody?: string | undefined }) {
    super(options);
    this.responseBody = options.responseBody;
  }
}
