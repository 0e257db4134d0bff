export { mapTelecmiCall, type TelecmiMappingOptions } from './map-telecmi-call.js';
export { maxTelecmiLegs, mergeTelecmiLegs } from './merge-telecmi-legs.js';
export {
  defaultTelecmiWebhookCallId,
  type ParseTelecmiWebhookOptions,
  parseTelecmiWebhook,
  type TelecmiWebhookResult,
} from './parse-telecmi-webhook.js';
export type { TelecmiWebhookBody } from './read-telecmi-webhook-body.js';
export { type TelecmiCredentials, telecmiCredentialsSchema } from './telecmi-credentials.js';
export { type TelecmiAccount, telecmiDescriptor } from './telecmi-descriptor.js';
export {
  defaultTelecmiBaseUrls,
  endpointsFor,
  type TelecmiCredentialKind,
  type TelecmiEndpoint,
  type TelecmiEndpointGroup,
  type TelecmiEvidence,
  type TelecmiHost,
  telecmiCredentialKinds,
  telecmiEndpoints,
} from './telecmi-endpoints.js';
export { interpretTelecmiResponse } from './telecmi-error.js';
export {
  createTelecmi,
  parseTelecmiSettings,
  type TelecmiSettings,
  type TelecmiTransportOptions,
} from './telecmi-provider.js';
export {
  type TelecmiPage,
  type TelecmiRecord,
  telecmiPageSchema,
  telecmiRecordSchema,
} from './telecmi-schemas.js';
export type { TelecmiWebhookMappingOptions } from './telecmi-webhook-options.js';
export {
  type TelecmiWebhookPayload,
  telecmiWebhookPayloadSchema,
} from './telecmi-webhook-schemas.js';
export {
  minimumTelecmiWebhookSecretLength,
  type TelecmiWebhookBasicCredentials,
  verifyTelecmiWebhookBasicAuth,
  verifyTelecmiWebhookToken,
} from './verify-telecmi-webhook.js';
