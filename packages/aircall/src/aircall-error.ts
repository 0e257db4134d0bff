import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import { aircallErrorBodySchema } from './aircall-schemas.js';

/** Aircall's rate-limit headers (inferred): `X-AircallApi-Reset` is when the counter resets. */
export const aircallResetHeader = 'x-aircallapi-reset';

/**
 * `X-AircallApi-Reset` → ms to wait from `now`. The header's unit is not documented: clients
 * read UNIX seconds, some milliseconds; a value past 10¹² is taken as milliseconds.
 */
export function aircallResetDelayMs(
  header: string | string[] | undefined,
  now: Date,
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const number = Number(value.trim());
  const at = number >= 1e12 ? number : number * 1000;
  return Math.max(0, at - now.getTime());
}

/**
 * Aircall's answers → typed errors, with the clock the rate-limit reset is read against.
 * The application's bodies carry `error`/`troubleshoot` (a 400 also `message` and `errors`),
 * the edge's only `message`: both are read. 401 (no credential) and 403 (a wrong one:
 * Aircall has no scopes) are authentication failures; 404 an unknown id or path; 400, 405
 * and 422 refused requests (the 400 past the 10,000-record cap among them); 429 is waited
 * out until `X-AircallApi-Reset`, else `Retry-After` (not documented), else the
 * transport's backoff. 5xx answers are left to the transport (retried).
 */
export function aircallResponseInterpreter(
  now: () => Date,
): (context: HttpResponseContext) => CdrError | undefined {
  return ({ statusCode, headers, retryAfterMs, body, provider, instance, endpoint }) => {
    if (statusCode >= 200 && statusCode < 300) return undefined;
    const parsed = aircallErrorBodySchema.safeParse(body);
    const fields = parsed.success ? parsed.data : {};
    const detail = [fields.error, fields.message, fields.errors, fields.troubleshoot]
      .filter((part, index, all) => typeof part === 'string' && all.indexOf(part) === index)
      .join(' — ');
    const message = `HTTP ${statusCode}${detail ? `: ${detail.slice(0, 300)}` : ''}`;
    const who = { provider, instance, endpoint };
    if (statusCode === 401 || statusCode === 403)
      return new AuthenticationError({
        ...who,
        message: `authentication failed (check the API ID and token, or the access token): ${message}`,
      });
    if (statusCode === 404) return new NotFoundError({ ...who, message: `not found: ${message}` });
    if (statusCode === 429)
      return new RateLimitedError({
        ...who,
        message: `rate limited (Aircall's budget is per company): ${message}`,
        retryAfterMs: aircallResetDelayMs(headers[aircallResetHeader], now()) ?? retryAfterMs,
      });
    if (statusCode === 400 || statusCode === 405 || statusCode === 422)
      return new InvalidRequestError({
        ...who,
        message: `Aircall refused the request: ${message}`,
      });
    if (statusCode >= 500) return undefined;
    return new ProviderError({ ...who, message, statusCode, responseBody: JSON.stringify(body) });
  };
}
