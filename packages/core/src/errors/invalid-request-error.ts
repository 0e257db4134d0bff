import { CdrError, errorMarker } from './cdr-error.js';

/**
 * The request was rejected as invalid, by the provider or before sending (a bad option, a
 * bad argument). Never retried.
 */
export class InvalidRequestError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'InvalidRequestError');
  override readonly name = 'InvalidRequestError';
  readonly code = 'invalid_request';
  readonly retryable = false;
}
