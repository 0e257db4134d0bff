import { AuthenticationError } from '@cdr/core';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import {
  mapTwilioStatusCallback,
  parseTwilioStatusCallback,
  type TwilioAccount,
  twilioInProgressStatuses,
} from '@cdr/twilio';
import { keepListedCall } from '../../receive/keep-listed-call.ts';
import { type Push, PushRejected, type PushRoute } from '../../receive/push-server.ts';

export interface TwilioPushRouteSettings {
  /** The Auth Token Twilio signs the account's webhooks with. */
  authToken: string;
  /**
   * The receiver's public URL, what `http://host:port` is to Twilio behind a proxy
   * (`https://cdr.example.com`): Twilio signs the URL it calls. Absent, `http://` and the
   * request's Host (the simulators, or a receiver Twilio reaches directly).
   */
  publicUrl?: string | undefined;
  now: () => Date;
}

/** The URL Twilio called: the public URL, then the path and query as received. */
function signedUrl(push: Push, publicUrl: string | undefined): string {
  const base = publicUrl?.replace(/\/$/, '') ?? `http://${push.headers.host ?? ''}`;
  return `${base}${push.url.pathname}${push.url.search}`;
}

/**
 * Twilio's call status callbacks for one account, at `/twilio` (`/acme/x` for an account
 * named `acme:x`): refused with 403 unless `X-Twilio-Signature` signs the public URL and
 * the parameters (or, for JSON, `bodySHA256`) with the account's Auth Token; callbacks of a
 * call not over yet are answered and not stored. A call the listing already gave is kept as
 * listed: it tells more (the price, the caller's name).
 */
export function twilioPushRoute(
  account: TwilioAccount,
  settings: TwilioPushRouteSettings,
): PushRoute {
  const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
  return {
    path: `/${account.name.replaceAll(':', '/')}`,
    account: account.name,
    description: `Twilio status callbacks for ${account.name} (checked against X-Twilio-Signature)`,
    methods: ['POST', 'GET'],
    handle(push) {
      let callback: ReturnType<typeof parseTwilioStatusCallback>;
      try {
        callback = parseTwilioStatusCallback(
          {
            method: push.method,
            url: signedUrl(push, settings.publicUrl),
            headers: push.headers,
            body: push.body,
          },
          { authToken: settings.authToken },
        );
      } catch (error) {
        if (!AuthenticationError.isInstance(error)) throw error;
        throw new PushRejected(
          403,
          push.headers['x-twilio-signature'] === undefined
            ? 'no X-Twilio-Signature: not signed by Twilio'
            : 'the X-Twilio-Signature does not sign this URL and body with the account’s Auth Token (is --public-url the URL Twilio calls?)',
        );
      }
      if (twilioInProgressStatuses.has(callback.callStatus))
        return { ignored: `a call not over yet (${callback.callStatus})` };
      return [mapTwilioStatusCallback(callback, normalize, { receivedAt: settings.now() })];
    },
    // A listed record has `sid`; a callback's parameters `CallSid`.
    merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && 'sid' in raw),
  };
}
