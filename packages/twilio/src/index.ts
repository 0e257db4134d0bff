export { mapTwilioCall } from './map-twilio-call.js';
export { interpretTwilioResponse } from './twilio-error.js';
export { createTwilio, defaultTwilioBaseUrl, type TwilioSettings } from './twilio-provider.js';
export {
  type TwilioPage,
  type TwilioRecord,
  twilioPageSchema,
  twilioRecordSchema,
} from './twilio-schemas.js';
