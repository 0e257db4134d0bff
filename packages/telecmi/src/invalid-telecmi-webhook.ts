import { InvalidRequestError } from '@cdr/core';

/**
 * The error for a webhook request the package cannot read: an `InvalidRequestError` (the
 * sender's fault, never retried) naming what is wrong. Messages never quote a value from
 * the request: whoever can reach the endpoint chooses them, and a misrouted request may
 * carry anything, a credential included.
 */
export function invalidTelecmiWebhook(message: string): InvalidRequestError {
  return new InvalidRequestError({ provider: 'telecmi', endpoint: 'CDR webhook', message });
}
