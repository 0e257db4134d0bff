// @cdr/ozonetel/api: Ozonetel's API as this package reads it — the record schemas and
// mappers, the endpoints and the documented limits — for tools that read raw records (the
// benchmarks measure the mapping with them). Not needed to list calls.
export {
  mapOzonetelCall,
  mapOzonetelDirection,
  mapOzonetelStatus,
  type OzonetelProviderField,
} from './map-ozonetel-call.js';
export { interpretOzonetelResponse } from './ozonetel-error.js';
export {
  defaultOzonetelCdrEndpoint,
  type OzonetelTransportOptions,
  ozonetelListingCapability,
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
  ozonetelReportsRetentionDays,
  ozonetelReportsSafetyMarginMs,
  ozonetelTokenLifetimeMs,
  ozonetelTokensPerHour,
  splitIntoIstDays,
} from './ozonetel-reports.js';
export { ozonetelReportsError, ozonetelReportsMessages } from './ozonetel-reports-errors.js';
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
  type ReportTypePlan,
  reportTypes,
  retentionDays,
} from './report-type.js';
