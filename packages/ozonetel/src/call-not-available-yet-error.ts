import { CdrError, type CdrErrorOptions } from '@cdr/core';
import { errorMarker } from '@cdr/core/provider-utils';

/**
 * The call exists in no store yet: it is migrating from the current-day store to the
 * historical one (00:00–03:00 IST) and will be readable at `availableAt`. Retryable then.
 * Its own class and code (`not_available_yet`): it is not a `NotFoundError`, since the call
 * may well exist.
 */
export class CallNotAvailableYetError extends CdrError {
  static override readonly marker: symbol = errorMarker(
    '@cdr/ozonetel',
    'CallNotAvailableYetError',
  );
  override readonly name = 'CallNotAvailableYetError';
  readonly code = 'not_available_yet';
  readonly retryable = true;
  readonly availableAt: Date;

  constructor(options: CdrErrorOptions & { availableAt: Date }) {
    super(options);
    this.availableAt = options.availableAt;
  }
}
