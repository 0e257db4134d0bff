export { type PlivoAccount, plivoDescriptor } from './plivo-descriptor.js';
export {
  createPlivo,
  defaultPlivoBaseUrl,
  type PlivoSettings,
  plivoMaxPageSize,
  plivoRateLimit,
  plivoRetentionDays,
} from './plivo-provider.js';
export { computePlivoV3Signature, validatePlivoV3Signature } from './plivo-signature.js';
