export { mapVonageCall, type VonageMappingOptions } from './map-vonage-call.js';
export { signVonageApplicationJwt } from './vonage-application-jwt.js';
export { type VonageAccount, vonageDescriptor } from './vonage-descriptor.js';
export { interpretVonageResponse } from './vonage-error.js';
export { createVonage, defaultVonageBaseUrl, type VonageSettings } from './vonage-provider.js';
export { vonagePush } from './vonage-push.js';
export { vonageWebhookProblem } from './vonage-signed-webhook.js';
