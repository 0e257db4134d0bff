// @cdr/acme: the factory and its settings. The sync tool's descriptor is on
// `@cdr/acme/descriptor`, push parsing on `@cdr/acme/push`, the simulator on
// `@cdr/acme/testing`.
export {
  type AcmeSettings,
  createAcme,
  defaultAcmeBaseUrl,
  parseAcmeSettings,
} from './acme-provider.js';
