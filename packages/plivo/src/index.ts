export { mapPlivoCall } from './map-plivo-call.js';
export { type PlivoAccount, plivoDescriptor } from './plivo-descriptor.js';
export { interpretPlivoResponse } from './plivo-error.js';
export { createPlivo, defaultPlivoBaseUrl, type PlivoSettings } from './plivo-provider.js';
export {
  type PlivoPage,
  type PlivoRecord,
  plivoPageSchema,
  plivoRecordSchema,
} from './plivo-schemas.js';
