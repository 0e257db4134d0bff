import { CdrError, type CdrErrorOptions, errorMarker } from './cdr-error.js';

/** The provider cannot serve this: a capability it lacks or a filter it cannot apply. */
export class UnsupportedError extends CdrError {
  static override readonly marker: symbol = errorMarker('@cdr/core', 'UnsupportedError');
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
