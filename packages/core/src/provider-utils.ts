// @cdr/core/provider-utils: what a provider package is built from, and nothing the kit
// only uses inside core (paging loops, option checks, the request pool: a provider declares
// its sources and settings, the kit runs them). Application code needs none of it: it uses
// the main entry.

// Mapping records.
export { isCurrencyCode, parseCurrencyCode } from './currency-code.js';
export { parseHmsDuration, parseWholeSeconds } from './duration.js';
export { errorMarker } from './errors/index.js';
export { mapConcurrent } from './map-concurrent.js';
export { parseMoneyAmount } from './money.js';
// First: refuses an old Node.js with a clear message before undici is loaded.
export { minimumNodeVersion, nodeVersionProblem } from './node-version.js';
// Options and responses: strict in, lenient but checked out.
export {
  functionOption,
  integerOption,
  type OptionsContext,
  parseOptions,
} from './options/parse-options.js';
export type { Page } from './paginate.js';
export { formatIssuePath, parseResponse } from './parse-response.js';
export {
  type CountryCode,
  createPhoneNormalizer,
  type PhoneNormalizer,
  type PhoneNormalizerOptions,
} from './phone.js';
export type {
  CallLookups,
  LookupAnswer,
  LookupOptions,
} from './provider-kit/call-lookups.js';
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
  CursorRequest,
  CursorSource,
  ListingFilter,
  ListingSource,
  NumberedPage,
  NumberedRecords,
  PageNumberSource,
  SourceRequest,
  ZoneDaySource,
} from './provider-kit/listing-source.js';
export type {
  AccountOverrides,
  ConfiguredAccount,
  EnvironmentVariable,
  ProviderDescriptor,
  SimulatedAccounts,
  SimulationOptions,
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
export { sameSecret } from './provider-kit/same-secret.js';
export { type RecordProblem, unreadableRecord } from './provider-kit/unreadable-record.js';
export { splitIntoZoneDays, type ZoneDay } from './provider-kit/zone-days.js';
export { parseRfc2822DateTime } from './rfc2822.js';
export { fromEpochMilliseconds, toZonedParts } from './time.js';
// The transport.
export {
  type BearerCredential,
  HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponseContext,
} from './transport/http-client.js';
export type { TransportOptions } from './transport/http-client-options.js';
export { REDACTED, Redactor, redact, secretForms } from './transport/redact.js';
export { parseRetryAfterMs } from './transport/retry.js';
// A credential that never prints itself: `createCallProvider`'s `secrets` take one.
export { Secret } from './transport/secret.js';
export {
  TokenManager,
  type TokenManagerOptions,
  type TokenRequest,
} from './transport/token-manager.js';
export { untilAborted } from './transport/until-aborted.js';

export type { PackageIdentity } from './transport/user-agent.js';
