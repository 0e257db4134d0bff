import type { PushRoutes } from '@cdr/core/provider-utils';
import { mergeTelecmiLegs } from './merge-telecmi-legs.js';
import { parseTelecmiWebhook } from './parse-telecmi-webhook.js';
import { verifyTelecmiWebhookToken } from './verify-telecmi-webhook.js';

/**
 * TeleCMI's CDR webhooks: one URL for the login, `<receiver>/telecmi/<token>` (TeleCMI signs
 * nothing; the secret path is the check, in constant time), for the first TeleCMI (CHUB)
 * account; JSON, form or GET. Each leg of a call is merged into the stored call, so two legs
 * make one call and a listed call is not overwritten by what a webhook tells.
 */
export const telecmiPush: PushRoutes<{ name: string; credentialKind: string }> = {
  what: 'CDR webhooks',
  route: 'provider',
  methods: ['POST', 'GET'],
  tokenVariable: {
    name: 'TELECMI_WEBHOOK_TOKEN',
    description: 'the secret last path segment of the CDR webhook URL registered with TeleCMI',
    secret: true,
  },
  check: "the path's last segment is the webhook token",
  accepts: (account) =>
    account.credentialKind === 'rest-user' || account.credentialKind === 'rest-app',
  handler: (_account, { token }) => ({
    // A wrong token is answered as a path that does not exist.
    verify: (push) =>
      token !== undefined && verifyTelecmiWebhookToken(push.url.pathname.split('/').at(-1), token)
        ? undefined
        : { status: 404, reason: 'not found' },
    parse(push) {
      const body = push.body === '' && push.url.search !== '' ? push.url.searchParams : push.body;
      const result = parseTelecmiWebhook(
        body,
        push.contentType ? { contentType: push.contentType } : {},
      );
      if (result.kind === 'live-event')
        return { ignored: `a live event (${result.status ?? 'no status'})` };
      return [result.call];
    },
    merge: (stored, pushed) => mergeTelecmiLegs(stored, pushed),
  }),
  setup: (_account, url) =>
    `Register ${url}/<TELECMI_WEBHOOK_TOKEN> as TeleCMI's CDR webhook URL (behind HTTPS).`,
};
