import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import { telnyxErrorBodySchema } from './telnyx-schemas.js';

/** `x-ratelimit-reset`: "the time in seconds until the rate limit resets" (Telnyx's rate-limiting page). */
function rateLimitResetMs(headers: HttpResponseContext['headers']): number | undefined {
  const value = headers['x-ratelimit-reset'];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return Math.ceil(Number(text) * 1000);
}

/**
 * Telnyx's answers → typed errors, by HTTP status: Telnyx uses the code `10011` both for
 * "Too many requests" (429) and for "Bad Request" (400), so the code cannot be switched on.
 * A 429 is waited out after `Retry-After` (read once by core; not documented by Telnyx, but
 * honoured as its SDK does), else `x-ratelimit-reset`, else the transport's backoff. 5xx
 * answers are left to the transport (retried).
 */
export function interpretTelnyxResponse({
  statusCode,
  headers,
  retryAfterMs,
  body,
  provider,
  instance,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  if (statusCode < 400 || statusCode >= 500) return undefined;
  const parsed = telnyxErrorBodySchema.safeParse(body);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  const words = [first?.title, first?.detail].filter((part) => part !== undefined).join(': ');
  const message = `HTTP ${statusCode}${first?.code !== undefined ? ` (Telnyx error ${first.code})` : ''}${words ? `: ${words}` : ''}`;
  const who = { provider, instance, endpoint };
  if (statusCode === 401 || statusCode === 403)
    return new AuthenticationError({
      ...who,
      message: `authentication failed (check the API key): ${message}`,
    });
  if (statusCode === 404) return new NotFoundError({ ...who, message: `not found: ${message}` });
  if (statusCode === 429)
    return new RateLimitedError({
      ...who,
      message: `rate limited: ${message}`,
      retryAfterMs: retryAfterMs ?? rateLimitResetMs(headers),
    });
  const hint = /no matching record type/i.test(first?.detail ?? '')
    ? ' (a record type this account does not have: set recordTypes)'
    : '';
  return new InvalidRequestError({
    ...who,
    message: `Telnyx refused the request${hint}: ${message}`,
  });
}
