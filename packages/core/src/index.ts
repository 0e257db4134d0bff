// The model
export {
  type Call,
  type CallAgent,
  type CallCost,
  type CallDirection,
  type CallDurations,
  type CallInput,
  type CallNote,
  type CallParty,
  type CallRecording,
  type CallStatus,
  callDirections,
  callSchema,
  callStatuses,
  parseCall,
} from './call.js';

// The provider contract and composition
export {
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type CallProvider,
  type CallProviderCapabilities,
  type CallWindow,
  type GetCallOptions,
  type ListCallsQuery,
} from './call-provider.js';
export {
  type CdrClient,
  type CdrClientOptions,
  type ClientListCallsQuery,
  createCdrClient,
} from './cdr-client.js';
// Helpers for mapping provider records
export { parseHmsDuration } from './duration.js';

// Errors
export { CdrError, type CdrErrorCode, type CdrErrorOptions } from './errors/cdr-error.js';
export {
  AuthenticationError,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  ProviderError,
  type ProviderErrorOptions,
  RateLimitedError,
  type RateLimitedErrorOptions,
  ResponseTooLargeError,
  ResponseValidationError,
  type ResponseValidationIssue,
  TimeoutError,
  type TimeoutPhase,
  UnsupportedError,
} from './errors/errors.js';
// Paging and responses
export { mapConcurrent } from './map-concurrent.js';
export { parseMoneyAmount } from './money.js';
export { type Page, type PaginateOptions, paginate } from './paginate.js';
export { formatIssuePath, parseResponse } from './parse-response.js';
export {
  type CountryCode,
  createPhoneNormalizer,
  type PhoneNormalizer,
  type PhoneNormalizerOptions,
} from './phone.js';
export {
  formatZonedDate,
  formatZonedDateTime,
  fromEpochMilliseconds,
  INDIA_TIME_ZONE,
  parseZonedDateTime,
  timeZoneOffsetMs,
  toZonedParts,
  type ZonedDateTimeParts,
} from './time.js';
// Transport
export {
  defaultTimeouts,
  HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponseContext,
  type TransportTimeouts,
} from './transport/http-client.js';
export { RateLimiter, type RateLimiterOptions } from './transport/rate-limiter.js';
export { REDACTED, redact } from './transport/redact.js';
export { defaultRetryOptions, type RetryOptions } from './transport/retry.js';
export { Secret } from './transport/secret.js';
export type { TransportEvent, TransportEventListener } from './transport/transport-event.js';
export {
  assertListQuerySupported,
  assertValidWindow,
  unsupportedGetCall,
} from './validate-query.js';
