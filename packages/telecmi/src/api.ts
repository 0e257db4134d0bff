// @cdr/telecmi/api: TeleCMI's API as this package reads it — its endpoints per credential
// kind, the record schemas and the mapper — for tools that read raw records (the benchmarks
// measure the mapping with them). Not needed to list calls.
export { mapTelecmiCall, type TelecmiMappingOptions } from './map-telecmi-call.js';
export { telecmiCredentialsSchema } from './telecmi-credentials.js';
export {
  endpointsFor,
  type TelecmiEndpoint,
  type TelecmiEndpointGroup,
  type TelecmiEvidence,
  telecmiEndpoints,
} from './telecmi-endpoints.js';
export { interpretTelecmiResponse } from './telecmi-error.js';
export {
  type TelecmiPage,
  type TelecmiRecord,
  telecmiPageSchema,
  telecmiRecordSchema,
} from './telecmi-schemas.js';
