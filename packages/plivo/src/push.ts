// @cdr/plivo/push: hangup callbacks and their V3 signatures, with no HTTP client loaded.
export { type PlivoPushAccount, plivoCallbackRecord, plivoPush } from './plivo-push.js';
export {
  computePlivoV3Signature,
  type PlivoParams,
  validatePlivoV3Signature,
} from './plivo-signature.js';
