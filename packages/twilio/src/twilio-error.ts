import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import { twilioErrorBodySchema } from './twilio-schemas.js';

type Kind = 'authentication' | 'invalid' | 'not-found' | 'rate-limited' | 'unavailable';

/**
 * Twilio error codes (`code` in the error body, https://www.twilio.com/docs/errors/<code>)
 * → the error they mean. 20429 is the one the fact sheet confirms; the others are Twilio's
 * published REST errors an account's call listing can meet (see the README).
 */
export const twilioErrorCodes: Readonly<Record<number, Kind>> = {
  20001: 'invalid', // Unknown parameter
  20002: 'invalid', // Invalid FriendlyName
  20003: 'authentication', // Authenticate (bad Account SID, Auth Token or API key)
  20004: 'invalid', // Method not allowed
  20005: 'authentication', // Account not active
  20006: 'authentication', // Access denied
  20008: 'authentication', // Test Account Credentials are not supported by this resource
  20010: 'authentication', // Account is suspended
  20404: 'not-found', // The requested resource was not found
  20429: 'rate-limited', // Too many requests (account concurrency)
  20500: 'unavailable', // Internal server error
  20503: 'unavailable', // Service unavailable
  21211: 'invalid', // Invalid 'To' phone number
  21212: 'invalid', // Invalid 'From' phone number
};

/**
 * Twilio's answers → typed errors, from the error body's `code` first and the HTTP status
 * otherwise. A 429 (20429) is a `RateLimitedError` the transport waits out, after the
 * `Retry-After` header when Twilio sends one (not documented), with backoff otherwise.
 * 5xx answers are left to the transport (retried).
 */
export function interpretTwilioResponse({
  statusCode,
  retryAfterMs,
  body,
  provider,
  instance,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  if (statusCode >= 200 && statusCode < 300) return undefined;
  const parsed = twilioErrorBodySchema.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const detail = parsed.success ? parsed.data.message : undefined;
  const byStatus: Kind | undefined =
    statusCode === 401 || statusCode === 403
      ? 'authentication'
      : statusCode === 404
        ? 'not-found'
        : statusCode === 429
          ? 'rate-limited'
          : statusCode === 400 || statusCode === 405 || statusCode === 422
            ? 'invalid'
            : undefined;
  const kind = (code !== undefined ? twilioErrorCodes[code] : undefined) ?? byStatus;
  const message = `HTTP ${statusCode}${code !== undefined ? ` (Twilio error ${code})` : ''}${detail ? `: ${detail}` : ''}`;
  const who = { provider, instance, endpoint };
  switch (kind) {
    case 'authentication':
      return new AuthenticationError({ ...who, message: `authentication failed: ${message}` });
    case 'invalid':
      return new InvalidRequestError({ ...who, message: `Twilio refused the request: ${message}` });
    case 'not-found':
      return new NotFoundError({
        ...who,
        message: `not found (check the Account SID, subaccount and region): ${message}`,
      });
    case 'rate-limited':
      return new RateLimitedError({
        ...who,
        message: `rate limited: ${message}`,
        // Read once by core, an HTTP date on the provider's clock.
        retryAfterMs,
      });
    case 'unavailable':
      // A 5xx is retried by the transport; a Twilio 5xx code in a 4xx answer is an error.
      return statusCode >= 500
        ? undefined
        : new ProviderError({ ...who, message, statusCode, responseBody: JSON.stringify(body) });
    default:
      return undefined;
  }
}
