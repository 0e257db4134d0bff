// @cdr/core: the Call model, the provider contract, the client that composes providers,
// and the typed errors. Provider authors build on `@cdr/core/provider-utils`; tests on
// `@cdr/core/testing`.

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
// Errors
export {
  AuthenticationError,
  CdrError,
  type CdrErrorCode,
  type CdrErrorOptions,
  type CoreErrorCode,
  CredentialExpiredError,
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
} from './errors/index.js';
// The Node.js check (it refuses an old Node.js with a clear message before undici is
// loaded) and times in a zone: what `@cdr/core/time` holds alone.
export * from './time-entry.js';
// What a user tunes on any provider: the budget, the transport, and what it reports.
export {
  defaultTimeouts,
  type TransportOptions,
  type TransportTimeouts,
} from './transport/http-client-options.js';
export type { ProxyEnvironment, ProxySetting } from './transport/proxy-from-environment.js';
export {
  RateLimiter,
  type RateLimiterOptions,
  type RateLimitSlot,
} from './transport/rate-limiter.js';
export { defaultRetryOptions, type RetryOptions } from './transport/retry.js';
export type {
  ListingEvent,
  TransportEvent,
  TransportEventListener,
} from './transport/transport-event.js';
