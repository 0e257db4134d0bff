export { CallNotAvailableYetError } from './call-not-available-yet-error.js';
export {
  mapOzonetelCall,
  mapOzonetelDirection,
  mapOzonetelStatus,
  type OzonetelProviderField,
} from './map-ozonetel-call.js';
export {
  type ParseOzonetelCallbackOptions,
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from './ozonetel-callback.js';
export { type OzonetelAccount, ozonetelDescriptor } from './ozonetel-descriptor.js';
export {
  interpretOzonetelResponse,
  ozonetelMessages,
} from './ozonetel-error.js';
export {
  type BatchLookupOptions,
  type BatchLookupResult,
  createOzonetel,
  defaultOzonetelBaseUrl,
  defaultOzonetelCdrEndpoint,
  type LookupOptions,
  type LookupResult,
  type OzonetelCdrEndpoint,
  type OzonetelProvider,
  type OzonetelSettings,
  type OzonetelTransportOptions,
  ozonetelListingCapability,
  parseOzonetelSettings,
} from './ozonetel-provider.js';
export {
  mapOzonetelReportRecord,
  type OzonetelReportRecord,
  ozonetelReportRecordSchema,
  ReportRecordIssue,
  readOzonetelReportRecord,
} from './ozonetel-report-record.js';
export {
  alternateOzonetelTokenPath,
  defaultOzonetelReportsMaxBodyBytes,
  defaultOzonetelReportsPath,
  defaultOzonetelReportsRateLimit,
  defaultOzonetelTokenPath,
  type IstDay,
  type OzonetelReportsSettings,
  ozonetelReportsRetentionDays,
  ozonetelReportsSafetyMarginMs,
  ozonetelTokenLifetimeMs,
  ozonetelTokensPerHour,
  splitIntoIstDays,
} from './ozonetel-reports.js';
export {
  OzonetelTokenExpiredError,
  ozonetelReportsError,
  ozonetelReportsMessages,
} from './ozonetel-reports-errors.js';
export {
  type OzonetelRecord,
  type OzonetelResponse,
  ozonetelRecordSchema,
  ozonetelResponseSchema,
} from './ozonetel-schemas.js';
export { assertUcid, ucidPattern } from './ozonetel-ucid.js';
export { parseReportsBody, type ReportsEnvelope } from './parse-reports-body.js';
export {
  isBeyondRetention,
  planReportTypes,
  type ReportType,
  type ReportTypePlan,
  reportTypes,
  retentionDays,
} from './report-type.js';
