// @cdr/ozonetel: the factory, its settings, lookups and errors. The sync tool's descriptor
// is on `@cdr/ozonetel/descriptor`, callback parsing on `@cdr/ozonetel/push`, record schemas,
// mappers and documented limits on `@cdr/ozonetel/api`, the simulator on
// `@cdr/ozonetel/testing`.
export { CallNotAvailableYetError } from './call-not-available-yet-error.js';
export { ozonetelMessages } from './ozonetel-error.js';
export {
  type BatchLookupOptions,
  type BatchLookupResult,
  createOzonetel,
  defaultOzonetelBaseUrl,
  type LookupOptions,
  type LookupResult,
  type OzonetelCdrEndpoint,
  type OzonetelProvider,
  type OzonetelSettings,
  parseOzonetelSettings,
} from './ozonetel-provider.js';
export type { OzonetelReportsSettings } from './ozonetel-reports.js';
export { OzonetelTokenExpiredError } from './ozonetel-reports-errors.js';
export type { ReportType } from './report-type.js';
