// @cdr/telnyx/push: signed call webhooks, checked and parsed, with no HTTP client loaded.
export { mapTelnyxHangup, telnyxHangupStatuses } from './map-telnyx-hangup.js';
export { telnyxPush } from './telnyx-push.js';
export { type TelnyxWebhook, telnyxWebhookSchema } from './telnyx-schemas.js';
export {
  telnyxPublicKey,
  telnyxSignatureProblem,
  telnyxSignatureToleranceSeconds,
} from './telnyx-webhook-signature.js';
