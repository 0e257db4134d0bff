export {
  mapTelnyxCall,
  parseTelnyxInstant,
  telnyxDirections,
  telnyxStatus,
} from './map-telnyx-call.js';
export { mapTelnyxHangup, telnyxHangupStatuses } from './map-telnyx-hangup.js';
export { type TelnyxAccount, telnyxDescriptor } from './telnyx-descriptor.js';
export { interpretTelnyxResponse } from './telnyx-error.js';
export {
  createTelnyx,
  defaultTelnyxBaseUrl,
  parseTelnyxSettings,
  type TelnyxSettings,
  telnyxMaxPageSize,
  telnyxRateLimit,
  telnyxVoiceRecordTypes,
} from './telnyx-provider.js';
export {
  type TelnyxPage,
  type TelnyxRecord,
  type TelnyxWebhook,
  telnyxErrorBodySchema,
  telnyxPageSchema,
  telnyxRecordSchema,
  telnyxWebhookSchema,
} from './telnyx-schemas.js';
export {
  telnyxPublicKey,
  telnyxSignatureProblem,
  telnyxSignatureToleranceSeconds,
} from './telnyx-webhook-signature.js';
