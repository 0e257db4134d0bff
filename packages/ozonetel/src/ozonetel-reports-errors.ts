import {
  AuthenticationError,
  type CdrError,
  type CdrErrorOptions,
  CredentialExpiredError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import { errorMarker } from '@cdr/core/provider-utils';

/**
 * The `ca_reports` family's error messages (status `"false"` or `"fail"` in the body),
 * word for word as Ozonetel documents them.
 */
export const ozonetelReportsMessages = {
  missingCredentials: 'Missing userName or apiKey',
  missingDates: 'Missing fromDate and toDate',
  invalidFromDate:
    'Invalid fromDate format. Please pass the date in the format yyyy-MM-dd HH:mm:ss',
  futureDates: 'fromDate and toDate should not be future dates',
  tokenExpired: 'Token Expired',
  invalidCredentials: 'Invalid userName or apiKey',
  /** The wording of the same refusal on the token pages. */
  invalidCredentialsAlt: 'userName or apiKey is Invalid',
  /** The CDR-by-UCID API's wording of its budget, also accepted here. */
  rateLimited: 'max limit exceeded',
  /**
   * Inferred: the reports API's budget answer is not published. The simulator answers an
   * HTTP 429 with this message; any 429, and any message saying a limit was exceeded or
   * too many requests were made, is read as rate limiting.
   */
  reportsRateLimited: 'Rate limit exceeded',
} as const;

const invalidRequestMessages = new Set<string>([
  ozonetelReportsMessages.missingCredentials,
  ozonetelReportsMessages.missingDates,
  ozonetelReportsMessages.invalidFromDate,
  ozonetelReportsMessages.futureDates,
]);

const rateLimitPattern = /limit exceeded|too many requests/i;
const errorStatuses = new Set(['false', 'fail', 'error']);

/**
 * The token the request carried has expired (or was superseded by a newer one): a
 * `CredentialExpiredError`, so core's transport obtains a new one and sends the request
 * once more. Reaches the user only when the fresh token is refused too, as an
 * `AuthenticationError`.
 */
export class OzonetelTokenExpiredError extends CredentialExpiredError {
  static override readonly marker: symbol = errorMarker(
    '@cdr/ozonetel',
    'OzonetelTokenExpiredError',
  );
  override readonly name: string = 'OzonetelTokenExpiredError';
  override readonly code = 'token_expired';
}

/** Whether a body's `status` says it is an error (`"false"`, `"fail"`, `"error"`). */
export function isErrorStatus(status: unknown): boolean {
  return (
    (typeof status === 'string' && errorStatuses.has(status.toLowerCase())) || status === false
  );
}

/**
 * Turns a `ca_reports` (or token) error message into its typed error.
 * `rateLimitWindowMs`: how long until the budget's window frees (no Retry-After is sent).
 */
export function ozonetelReportsError(
  message: string,
  options: Omit<CdrErrorOptions, 'message'>,
  rateLimitWindowMs: number,
): CdrError {
  const withMessage = { ...options, message };
  if (message === ozonetelReportsMessages.tokenExpired)
    return new OzonetelTokenExpiredError(withMessage);
  if (
    message === ozonetelReportsMessages.invalidCredentials ||
    message === ozonetelReportsMessages.invalidCredentialsAlt
  )
    return new AuthenticationError(withMessage);
  if (invalidRequestMessages.has(message)) return new InvalidRequestError(withMessage);
  if (rateLimitPattern.test(message))
    return new RateLimitedError({ ...withMessage, retryAfterMs: rateLimitWindowMs });
  return new ProviderError({ ...withMessage, retryable: false });
}
