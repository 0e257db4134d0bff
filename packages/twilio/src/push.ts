// @cdr/twilio/push: status callbacks, checked and parsed, with no HTTP client loaded.
export {
  mapTwilioStatusCallback,
  twilioInProgressStatuses,
} from './map-twilio-status-callback.js';
export { twilioPush } from './twilio-push.js';
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
