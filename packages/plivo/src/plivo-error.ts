import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import { plivoErrorBodySchema } from './plivo-schemas.js';

/**
 * Plivo's answers → typed errors (docs, "Response": 400 a parameter missing or invalid, 401
 * authentication failed, 403 forbidden, 404 resource not found, 405 method not allowed,
 * 429 too many requests, 500 server error). The body is `{api_id, error}`; `error` is the
 * message every official SDK shows. A 429 is waited out: after `Retry-After` if Plivo ever
 * sends one (undocumented), with the transport's backoff otherwise. 5xx are left to the
 * transport (retried, the same URL).
 */
export function interpretPlivoResponse({
  statusCode,
  retryAfterMs,
  body,
  provider,
  instance,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  if (statusCode < 400 || statusCode >= 500) return undefined;
  const parsed = plivoErrorBodySchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  const detail =
    typeof error === 'string' ? error : error !== undefined ? JSON.stringify(error) : undefined;
  const message = `HTTP ${statusCode}${detail ? `: ${detail.slice(0, 300)}` : ''}`;
  const who = { provider, instance, endpoint };
  switch (statusCode) {
    case 401:
      return new AuthenticationError({ ...who, message: `authentication failed: ${message}` });
    case 403:
      return new AuthenticationError({ ...who, message: `forbidden: ${message}` });
    case 404:
      return new NotFoundError({
        ...who,
        message: `not found (check the Auth ID and the call UUID): ${message}`,
      });
    case 429:
      return new RateLimitedError({ ...who, message: `rate limited: ${message}`, retryAfterMs });
    default:
      return new InvalidRequestError({ ...who, message: `Plivo refused the request: ${message}` });
  }
}
