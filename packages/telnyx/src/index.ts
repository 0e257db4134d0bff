export { mapTelnyxCall } from './map-telnyx-call.js';
export { type TelnyxAccount, telnyxDescriptor } from './telnyx-descriptor.js';
export { interpretTelnyxResponse } from './telnyx-error.js';
export { createTelnyx, defaultTelnyxBaseUrl, type TelnyxSettings } from './telnyx-provider.js';
export {
  type TelnyxPage,
  type TelnyxRecord,
  telnyxPageSchema,
  telnyxRecordSchema,
} from './telnyx-schemas.js';
