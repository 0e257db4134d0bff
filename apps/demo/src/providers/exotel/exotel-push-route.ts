import { type ExotelAccount, parseExotelStatusCallback } from '@cdr/exotel';
import { keepListedCall } from '../../receive/keep-listed-call.ts';
import { PushRejected, type PushRoute } from '../../receive/push-server.ts';
import { sameSecret } from '../../receive/same-secret.ts';

/**
 * Exotel's StatusCallbacks for one account, registered as `<receiver>/exotel/<token>`
 * (`/acme/x/<token>` for an account named `acme:x`): Exotel signs nothing, so the secret
 * path is the check, compared in constant time, and a wrong token is answered as a path that
 * does not exist. A form (Exotel's default) or JSON, read in the account's time zone. A call
 * the listing already gave is kept as listed: it tells more (the price, the total duration).
 */
export function exotelPushRoute(account: ExotelAccount, token: string): PushRoute {
  return {
    path: `/${account.name.replaceAll(':', '/')}`,
    account: account.name,
    description: `Exotel StatusCallbacks for ${account.name} (the path's last segment is the webhook token)`,
    tokenInPath: true,
    handle(push) {
      if (!sameSecret(push.url.pathname.split('/').at(-1), token))
        throw new PushRejected(404, 'not found');
      return [
        parseExotelStatusCallback(push.body, {
          ...(push.contentType ? { contentType: push.contentType } : {}),
          timeZone: account.timeZone,
        }),
      ];
    },
    // A listed record has `Sid`; a StatusCallback `CallSid`.
    merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && 'Sid' in raw),
  };
}
