import { CdrError, errorMarker } from './cdr-error.js';

/** The connection failed or broke: refused, reset, closed mid-body. Retried. */
export class NetworkError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'NetworkError');
  override readonly name: string = 'NetworkError';
  readonly code: 'network' | 'timeout' = 'network';
  readonly retryable = true;
}
