// @cdr/exotel: the factory, its settings and Exotel's documented limits. The sync tool's
// descriptor is on `@cdr/exotel/descriptor`, StatusCallback parsing on `@cdr/exotel/push`,
// the simulator on `@cdr/exotel/testing`.
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
