export {
  mapTwilioCall,
  parseRfc2822,
  twilioDirections,
  twilioStatuses,
} from './map-twilio-call.js';
export { interpretTwilioResponse, twilioErrorCodes } from './twilio-error.js';
export {
  createTwilio,
  defaultTwilioBaseUrl,
  parseTwilioSettings,
  type TwilioSettings,
  twilioBaseUrl,
  twilioMaxPageSize,
} from './twilio-provider.js';
export {
  type TwilioCall,
  type TwilioCallPage,
  twilioCallPageSchema,
  twilioCallSchema,
} from './twilio-schemas.js';
