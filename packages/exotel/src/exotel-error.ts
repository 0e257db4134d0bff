import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import { exotelErrorBodySchema } from './exotel-schemas.js';

/** The `RestException.Message` of an error body, or the body when it is text. */
function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
  const parsed = exotelErrorBodySchema.safeParse(body);
  return parsed.success ? (parsed.data.RestException.Message ?? undefined) : undefined;
}

/**
 * Exotel's answers → typed errors, for every status its error-code page lists:
 *
 * | HTTP | meaning (Exotel) | error |
 * |---|---|---|
 * | 400 | bad or missing parameter (a window over a month, a page size over 100) | `InvalidRequestError` |
 * | 401 | wrong API key or token | `AuthenticationError` |
 * | 402 | plan or balance does not allow it | `ProviderError`, not retried |
 * | 403 | account suspended, or no permission | `AuthenticationError` |
 * | 404 | unknown account SID or call | `NotFoundError` |
 * | 409 | conflict | `InvalidRequestError` |
 * | 429 | over 200 requests a minute | `RateLimitedError` (`Retry-After` honoured when sent) |
 * | 500, 502, 503 | server errors | left to the transport: `ProviderError`, retried |
 *
 * An error in a 200 body (a `RestException`) is read the same way from its `Status`.
 */
export function interpretExotelResponse({
  statusCode,
  retryAfterMs,
  body,
  provider,
  instance,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  const parsed = exotelErrorBodySchema.safeParse(body);
  const bodyStatus = parsed.success ? Number(parsed.data.RestException.Status) : Number.NaN;
  const status = statusCode === 200 && Number.isInteger(bodyStatus) ? bodyStatus : statusCode;
  const detail = providerMessage(body);
  const said = detail ? `: ${detail}` : '';
  const who = { provider, instance, endpoint };
  switch (status) {
    case 400:
    case 409:
      return new InvalidRequestError({
        ...who,
        message: `Exotel refused the request (HTTP ${status})${said}`,
      });
    case 401:
      return new AuthenticationError({
        ...who,
        message: `authentication failed: check the API key and token${said}`,
      });
    case 403:
      return new AuthenticationError({
        ...who,
        message: `access denied: the account is suspended or the key lacks permission${said}`,
      });
    case 402:
      return new ProviderError({
        ...who,
        statusCode: status,
        retryable: false,
        message: `Exotel refused the request for the account's plan or balance (HTTP 402)${said}`,
      });
    case 404:
      return new NotFoundError({
        ...who,
        message: `not found: check the account SID and the region (host)${said}`,
      });
    case 429:
      return new RateLimitedError({
        ...who,
        // Read once by core, an HTTP date on the provider's clock.
        retryAfterMs,
        message: `rate limited by Exotel (200 requests a minute per account)${said}`,
      });
    default:
      // A `RestException` in a 200 with no status of the list above is still an error.
      return statusCode === 200 && parsed.success
        ? new ProviderError({
            ...who,
            statusCode,
            retryable: false,
            message: `Exotel answered with an error${said}`,
          })
        : undefined;
  }
}
