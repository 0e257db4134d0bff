// @cdr/vonage: the factory and its settings. The sync tool's descriptor is on
// `@cdr/vonage/descriptor`, signed-webhook checks on `@cdr/vonage/push`, the simulator on
// `@cdr/vonage/testing`.
export {
  createVonage,
  defaultVonageBaseUrl,
  parseVonageSettings,
  type VonageSettings,
  vonageMaxPageSize,
} from './vonage-provider.js';
