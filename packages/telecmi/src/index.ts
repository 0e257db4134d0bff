// @cdr/telecmi: the factory, its settings and credentials. The sync tool's descriptor is on
// `@cdr/telecmi/descriptor`, webhook parsing on `@cdr/telecmi/push`, endpoints, record
// schemas and mappers on `@cdr/telecmi/api`, the simulator on `@cdr/telecmi/testing`.
export type { TelecmiCredentials } from './telecmi-credentials.js';
export {
  defaultTelecmiBaseUrls,
  type TelecmiCredentialKind,
  type TelecmiHost,
  telecmiCredentialKinds,
} from './telecmi-endpoints.js';
export {
  createTelecmi,
  parseTelecmiSettings,
  type TelecmiSettings,
  type TelecmiTransportOptions,
} from './telecmi-provider.js';
