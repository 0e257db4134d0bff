import { AuthenticationError, type CdrError, InvalidRequestError, NotFoundError } from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';

/**
 * Plivo's answers → typed errors. The transport already maps network failures, timeouts,
 * 5xx, 429 and malformed bodies; this adds what only the provider's docs say.
 *
 * TODO(plivo): every error the docs list, including errors sent with HTTP 200 in the body,
 * and the provider's own rate-limit answer (return a RateLimitedError so it is waited out).
 */
export function interpretPlivoResponse({
  statusCode,
  provider,
  instance,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  const who = { provider, instance, endpoint };
  if (statusCode === 401 || statusCode === 403) {
    return new AuthenticationError({ ...who, message: 'authentication failed' });
  }
  if (statusCode === 404) return new NotFoundError({ ...who, message: 'not found' });
  if (statusCode === 400)
    return new InvalidRequestError({ ...who, message: 'Plivo refused the request' });
  return undefined;
}
