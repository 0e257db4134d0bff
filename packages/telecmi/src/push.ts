// @cdr/telecmi/push: CDR webhooks, verified, parsed and merged, with no HTTP client loaded.
export { maxTelecmiLegs, mergeTelecmiLegs } from './merge-telecmi-legs.js';
export {
  defaultTelecmiWebhookCallId,
  type ParseTelecmiWebhookOptions,
  parseTelecmiWebhook,
  type TelecmiWebhookResult,
} from './parse-telecmi-webhook.js';
export type { TelecmiWebhookBody } from './read-telecmi-webhook-body.js';
export { telecmiPush } from './telecmi-push.js';
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
