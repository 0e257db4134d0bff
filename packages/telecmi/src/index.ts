export { mapTelecmiCall } from './map-telecmi-call.js';
export {
  defaultTelecmiBaseUrls,
  type TelecmiCredentialKind,
  type TelecmiEndpoint,
  type TelecmiHost,
  telecmiEndpoints,
} from './telecmi-endpoints.js';
export {
  createTelecmi,
  type TelecmiCredentials,
  type TelecmiSettings,
  type TelecmiTransportOptions,
} from './telecmi-provider.js';
export {
  type TelecmiPage,
  type TelecmiRecord,
  telecmiPageSchema,
  telecmiRecordSchema,
} from './telecmi-schemas.js';
