// @cdr/exotel/push: StatusCallbacks, checked and parsed, with no HTTP client loaded.
export { exotelPush } from './exotel-push.js';
export { type ExotelStatusCallback, exotelStatusCallbackSchema } from './exotel-schemas.js';
export {
  type ExotelStatusCallbackOptions,
  mapExotelStatusCallback,
  parseExotelStatusCallback,
} from './map-exotel-call.js';
