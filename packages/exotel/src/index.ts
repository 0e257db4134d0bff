export { interpretExotelResponse } from './exotel-error.js';
export { createExotel, defaultExotelBaseUrl, type ExotelSettings } from './exotel-provider.js';
export {
  type ExotelPage,
  type ExotelRecord,
  exotelPageSchema,
  exotelRecordSchema,
} from './exotel-schemas.js';
export { mapExotelCall } from './map-exotel-call.js';
