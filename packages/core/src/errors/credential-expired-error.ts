import { CdrError, type CdrErrorCode, errorMarker } from './cdr-error.js';

/**
 * The run-time credential a request carried (a bearer token) has expired or was
 * superseded. A provider's `interpret` returns it for the provider's own words ("Token
 * Expired"); the transport then drops the token, obtains a fresh one and sends the request
 * once more, inside its one retry loop. A fresh token refused the same way reaches the
 * caller as an `AuthenticationError`.
 */
export class CredentialExpiredError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'CredentialExpiredError');
  override readonly name: string = 'CredentialExpiredError';
  readonly code: CdrErrorCode = 'credential_expired';
  // Not retried by backoff: re-authenticating is its own retry class (see HttpClient).
  readonly retryable = false;
}
