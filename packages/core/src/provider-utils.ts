// @cdr/core/provider-utils: what a provider package is built from. Application code
// needs none of it: it uses the main entry.

// Paging.
export { BoundedChannel } from './bounded-channel.js';
export { isCurrencyCode, parseCurrencyCode } from './currency-code.js';
// Mapping records.
export { parseHmsDuration, parseWholeSeconds } from './duration.js';
export { errorMarker } from './errors/index.js';
export { mapConcurrent } from './map-concurrent.js';
export { parseMoneyAmount } from './money.js';
// First: refuses an old Node.js with a clear message before undici is loaded.
export { minimumNodeVersion, nodeVersionProblem } from './node-version.js';
// Options and responses: strict in, lenient but checked out.
export {
  abortSignalOption,
  baseUrlProblem,
  baseUrlSchema,
  describeUrl,
  functionOption,
  integerOption,
  isLoopbackHost,
  nonNegativeOption,
  type OptionsContext,
  parseOptions,
  positiveOption,
} from './options/index.js';
export { type ListingContext, type Page, type PaginateOptions, paginate } from './paginate.js';
export {
  type ChainPage,
  type ChainRequest,
  type PaginateByCursorOptions,
  paginateByCursor,
  splitWindow,
} from './paginate-by-cursor.js';
export { formatIssuePath, parseResponse } from './parse-response.js';
export {
  type CountryCode,
  createPhoneNormalizer,
  type PhoneNormalizer,
  type PhoneNormalizerOptions,
} from './phone.js';
export { callProblems, checkCall } from './provider-kit/check-call.js';
// The kit: a provider is its endpoints, its mapping and its credentials.
export {
  type CallLookup,
  type CallProviderDefinition,
  createCallProvider,
  type DocumentedBudget,
  type ProviderContext,
  type ProviderKitSettings,
  type RateLimitBudget,
  type RateLimitSetting,
} from './provider-kit/create-call-provider.js';
export {
  type AccountOf,
  type DefinedAccount,
  defineProviderDescriptor,
  type EnvironmentAccount,
  type EnvironmentReading,
  type ProviderDescriptorDefinition,
  type SimulatedAccount,
  type SimulatorStart,
  type Stoppable,
  type VariableDeclaration,
} from './provider-kit/define-provider-descriptor.js';
export { keepListedCall } from './provider-kit/keep-listed-call.js';
export type {
  CursorPage,
  CursorSource,
  ListingFilter,
  ListingSource,
  NumberedPage,
  PageNumberSource,
  SourceRequest,
  ZoneDaySource,
} from './provider-kit/listing-source.js';
export {
  type AccountOverrides,
  type ConfiguredAccount,
  type EnvironmentVariable,
  type ProviderDescriptor,
  readVariable,
  type SimulatedAccounts,
  type SimulationOptions,
} from './provider-kit/provider-descriptor.js';
export {
  baseUrlSetting,
  credentialSetting,
  providerSettingsShape,
  rateLimitSettingSchema,
} from './provider-kit/provider-settings.js';
export type {
  PushContext,
  PushHandler,
  PushRefusal,
  PushRoutes,
  ReceivedPush,
  TestPush,
} from './provider-kit/push-contract.js';
export { RecentIds } from './provider-kit/recent-ids.js';
export { RequestPool, type RequestPriority } from './provider-kit/request-pool.js';
export { sameSecret } from './provider-kit/same-secret.js';
export { type RecordProblem, unreadableRecord } from './provider-kit/unreadable-record.js';
export { withAccountOverrides } from './provider-kit/with-account-overrides.js';
export { splitIntoZoneDays, type ZoneDay } from './provider-kit/zone-days.js';
export { parseRfc2822DateTime } from './rfc2822.js';
export { fromEpochMilliseconds, timeZoneOffsetMs, toZonedParts } from './time.js';
// The transport.
export {
  type BearerCredential,
  HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponseContext,
} from './transport/http-client.js';
export {
  httpClientOptionsSchema,
  type TransportOptions,
  transportOptionsSchema,
} from './transport/http-client-options.js';
export { REDACTED, Redactor, redact, secretForms } from './transport/redact.js';
export { parseRetryAfterMs } from './transport/retry.js';
export { scrubError } from './transport/scrub-error.js';
export { Secret } from './transport/secret.js';
export {
  TokenManager,
  type TokenManagerOptions,
  type TokenRequest,
} from './transport/token-manager.js';
export { untilAborted } from './transport/until-aborted.js';
export type { PackageIdentity } from './transport/user-agent.js';
export {
  assertListQuerySupported,
  assertValidWindow,
  unsupportedGetCall,
} from './validate-query.js';
