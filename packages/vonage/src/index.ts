export {
  mapVonageCall,
  type VonageMappingOptions,
  vonageDirections,
  vonageStatuses,
} from './map-vonage-call.js';
export { type VonageAccount, vonageDescriptor } from './vonage-descriptor.js';
export { interpretVonageResponse } from './vonage-error.js';
export {
  createVonage,
  defaultVonageBaseUrl,
  parseVonageSettings,
  type VonageSettings,
  vonageMaxPageSize,
} from './vonage-provider.js';
export { vonageWebhookProblem } from './vonage-signed-webhook.js';
