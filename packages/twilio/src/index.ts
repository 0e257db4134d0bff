export {
  mapTwilioCall,
  parseRfc2822,
  twilioDirections,
  twilioStatuses,
} from './map-twilio-call.js';
export {
  mapTwilioStatusCallback,
  twilioInProgressStatuses,
} from './map-twilio-status-callback.js';
export { type TwilioAccount, twilioDescriptor } from './twilio-descriptor.js';
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
export {
  computeTwilioSignature,
  parseTwilioStatusCallback,
  type TwilioCallbackRequest,
  type TwilioParams,
  type TwilioStatusCallback,
  twilioUrlVariants,
  validateTwilioSignature,
  validateTwilioSignatureWithBody,
} from './twilio-status-callback.js';
