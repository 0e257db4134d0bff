// @cdr/aircall/push: call webhooks, checked and parsed, with no HTTP client loaded.
export {
  type AircallPushAccount,
  aircallPush,
  aircallStoredEvents,
  verifyAircallWebhook,
} from './aircall-push.js';
export { type AircallWebhook, aircallWebhookSchema } from './aircall-schemas.js';
