// @cdr/aircall: the factory, its settings and Aircall's documented limits. The sync tool's
// descriptor is on `@cdr/aircall/descriptor`, webhook parsing on `@cdr/aircall/push`, the
// simulator on `@cdr/aircall/testing`.
export {
  type AircallSettings,
  aircallDefaultRateLimit,
  aircallMaxPageSize,
  aircallMaxRecordsPerQuery,
  aircallRetentionDays,
  createAircall,
  defaultAircallBaseUrl,
  parseAircallSettings,
} from './aircall-provider.js';
