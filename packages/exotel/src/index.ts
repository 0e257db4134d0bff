export { type ExotelAccount, exotelDescriptor } from './exotel-descriptor.js';
export { interpretExotelResponse } from './exotel-error.js';
export {
  createExotel,
  defaultExotelTimeZone,
  type ExotelRegion,
  type ExotelSettings,
  exotelBaseUrl,
  exotelHosts,
  exotelMaxWindowDays,
  exotelRateLimit,
  exotelRetentionDays,
  maxExotelPageSize,
  parseExotelSettings,
} from './exotel-provider.js';
export {
  type ExotelCallRecord,
  type ExotelPage,
  type ExotelStatusCallback,
  exotelCallDetailsSchema,
  exotelCallSchema,
  exotelErrorBodySchema,
  exotelPageSchema,
  exotelStatusCallbackSchema,
} from './exotel-schemas.js';
export {
  type ExotelMappingOptions,
  type ExotelStatusCallbackOptions,
  exotelDirection,
  exotelStatus,
  mapExotelCall,
  mapExotelStatusCallback,
  parseExotelStatusCallback,
} from './map-exotel-call.js';
