import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';

/** Ozonetel's error messages, word for word as the doc gives them. */
export const ozonetelMessages = {
  userNameEmpty: 'userName should not be empty',
  apiKeyEmpty: 'apiKey should not be empty',
  ucidEmpty: 'ucid should not be empty',
  reportTypeEmpty: 'reportType should not be empty',
  invalidReportType: 'Invalid reportType',
  ucidNotNumeric: 'ucid should be numeric only',
  invalidCredentials: 'userName or apiKey is Invalid',
  rateLimited: 'max limit exceeded',
} as const;

const invalidRequestMessages = new Set<string>([
  ozonetelMessages.userNameEmpty,
  ozonetelMessages.apiKeyEmpty,
  ozonetelMessages.ucidEmpty,
  ozonetelMessages.reportTypeEmpty,
  ozonetelMessages.invalidReportType,
  ozonetelMessages.ucidNotNumeric,
]);

/**
 * Ozonetel answers errors with HTTP 200 and `{"status":"error","message":"…"}`; this turns
 * each documented message into its typed error. `rateLimitWindowMs` is how long until the
 * minute window frees: Ozonetel gives no Retry-After.
 */
export function interpretOzonetelResponse(
  { body, provider, instance, endpoint }: HttpResponseContext,
  rateLimitWindowMs: number,
): CdrError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { status, message } = body as { status?: unknown; message?: unknown };
  if (status !== 'error' || typeof message !== 'string') return undefined;
  const options = { provider, instance, endpoint, message };
  if (message === ozonetelMessages.invalidCredentials) return new AuthenticationError(options);
  if (message === ozonetelMessages.rateLimited)
    return new RateLimitedError({ ...options, retryAfterMs: rateLimitWindowMs });
  if (invalidRequestMessages.has(message)) return new InvalidRequestError(options);
  return new ProviderError({ ...options, retryable: false });
}
