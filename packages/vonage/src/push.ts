// @cdr/vonage/push: Voice API event webhooks, checked and parsed, with no HTTP client loaded.
export { type VonagePushAccount, vonagePush } from './vonage-push.js';
export type { VonageCompletedEvent } from './vonage-schemas.js';
export { vonageWebhookProblem } from './vonage-signed-webhook.js';
