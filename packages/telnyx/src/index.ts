// @cdr/telnyx: the factory, its settings and Telnyx's documented limits. The sync tool's
// descriptor is on `@cdr/telnyx/descriptor`, signed webhooks on `@cdr/telnyx/push`, the
// simulator on `@cdr/telnyx/testing`.
export {
  createTelnyx,
  defaultTelnyxBaseUrl,
  parseTelnyxSettings,
  type TelnyxSettings,
  telnyxMaxPageSize,
  telnyxRateLimit,
  telnyxVoiceRecordTypes,
} from './telnyx-provider.js';
