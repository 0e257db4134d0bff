import { mergeTelecmiLegs, parseTelecmiWebhook, verifyTelecmiWebhookToken } from '@cdr/telecmi';
import { PushRejected, type PushRoute } from '../../receive/push-server.ts';

/**
 * TeleCMI's CDR webhooks: registered in TeleCMI's dashboard as `<receiver>/telecmi/<token>`
 * (TeleCMI signs nothing; the secret path is the check), JSON, form or GET. Each leg of a
 * call is merged into the stored call (`mergeTelecmiLegs`), so two legs make one call and a
 * listed call is not overwritten by what a webhook tells.
 */
export function telecmiPushRoute(account: string, token: string): PushRoute {
  return {
    path: '/telecmi',
    account,
    description: `TeleCMI CDR webhooks for ${account} (the path's last segment is the webhook token)`,
    tokenInPath: true,
    methods: ['POST', 'GET'],
    handle(push) {
      // A wrong token is answered as a path that does not exist.
      if (!verifyTelecmiWebhookToken(push.url.pathname.split('/').at(-1), token))
        throw new PushRejected(404, 'not found');
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
  };
}
