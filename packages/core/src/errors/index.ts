export { AuthenticationError } from './authentication-error.js';
export {
  CdrError,
  type CdrErrorCode,
  type CdrErrorOptions,
  type CoreErrorCode,
  errorMarker,
} from './cdr-error.js';
export { CredentialExpiredError } from './credential-expired-error.js';
export { InvalidRequestError } from './invalid-request-error.js';
export { MalformedResponseError } from './malformed-response-error.js';
export { NetworkError } from './network-error.js';
export { NotFoundError } from './not-found-error.js';
export { ProviderError, type ProviderErrorOptions } from './provider-error.js';
export { RateLimitedError, type RateLimitedErrorOptions } from './rate-limited-error.js';
export { ResponseTooLargeError } from './response-too-large-error.js';
export {
  ResponseValidationError,
  type ResponseValidationIssue,
} from './response-validation-error.js';
export { TimeoutError, type TimeoutPhase } from './timeout-error.js';
export { UnsupportedError } from './unsupported-error.js';
