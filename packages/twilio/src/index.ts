// @cdr/twilio: the factory, its settings and Twilio's error codes. The sync tool's
// descriptor is on `@cdr/twilio/descriptor`, status-callback parsing on `@cdr/twilio/push`,
// the simulator on `@cdr/twilio/testing`.
export { twilioErrorCodes } from './twilio-error.js';
export {
  createTwilio,
  defaultTwilioBaseUrl,
  parseTwilioSettings,
  type TwilioSettings,
  twilioBaseUrl,
  twilioMaxPageSize,
} from './twilio-provider.js';
