import {
  AuthenticationError,
  type CdrError,
  type HttpResponseContext,
  InvalidRequestError,
  NotFoundError,
} from '@cdr/core';

/**
 * Acme's answers → typed errors. The transport already maps network failures, timeouts,
 * 5xx, 429 and malformed bodies; this adds what only the provider's docs say.
 *
 * TODO(acme): every error the docs list, including errors sent with HTTP 200 in the body,
 * and the provider's own rate-limit answer (return a RateLimitedError so it is waited out).
 */
export function interpretAcmeResponse({
  statusCode,
  provider,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  if (statusCode === 401 || statusCode === 403) {
    return new AuthenticationError({ provider, endpoint, message: 'authentication failed' });
  }
  if (statusCode === 404) return new NotFoundError({ provider, endpoint, message: 'not found' });
  if (statusCode === 400) {
    return new InvalidRequestError({ provider, endpoint, message: 'Acme refused the request' });
  }
  return undefined;
}
