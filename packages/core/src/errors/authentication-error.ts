import { CdrError, errorMarker } from './cdr-error.js';

/** The credentials were missing, wrong or expired. Never retried. */
export class AuthenticationError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'AuthenticationError');
  override readonly name = 'AuthenticationError';
  readonly code = 'authentication';
  readonly retryable = false;
}
