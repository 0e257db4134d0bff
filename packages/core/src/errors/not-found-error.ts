import { CdrError, errorMarker } from './cdr-error.js';

/** The provider has no such resource. */
export class NotFoundError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'NotFoundError');
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
  readonly retryable = false;
}
