export { type AircallAccount, aircallDescriptor } from './aircall-descriptor.js';
export { aircallResetDelayMs, aircallResponseInterpreter } from './aircall-error.js';
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
export { aircallPush, verifyAircallWebhook } from './aircall-push.js';
export {
  type AircallCall,
  type AircallPage,
  type AircallWebhook,
  aircallCallSchema,
  aircallPageSchema,
  aircallWebhookSchema,
} from './aircall-schemas.js';
export {
  type AircallMappingOptions,
  aircallDirections,
  aircallStatus,
  mapAircallCall,
} from './map-aircall-call.js';
