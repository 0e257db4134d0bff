// @cdr/ozonetel/push: CDR callbacks, checked and parsed, with no HTTP client loaded.
export {
  type ParseOzonetelCallbackOptions,
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from './ozonetel-callback.js';
export { ozonetelPush } from './ozonetel-push.js';
