export { type AcmeAccount, acmeDescriptor } from './acme-descriptor.js';
export { interpretAcmeResponse } from './acme-error.js';
export { type AcmeSettings, createAcme, defaultAcmeBaseUrl } from './acme-provider.js';
export {
  type AcmePage,
  type AcmeRecord,
  acmePageSchema,
  acmeRecordSchema,
} from './acme-schemas.js';
export { mapAcmeCall } from './map-acme-call.js';
