import {
  type OzonetelAccount,
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from '@cdr/ozonetel';
import { PushRejected, type PushRoute } from '../../receive/push-server.ts';

/**
 * Ozonetel's post-call pushes for one account: a form POST with the CDR as JSON in `data`
 * (or a JSON body), checked against the account's key — the only check Ozonetel offers —
 * and mapped with the same code (and checks) as a lookup.
 */
export function ozonetelPushRoute(account: OzonetelAccount): PushRoute {
  return {
    path: `/${account.name.replaceAll(':', '/')}`,
    account: account.name,
    description: `Ozonetel callbacks for ${account.name} (checked against the account's API key)`,
    handle(push) {
      const payload = readOzonetelCallbackPayload(push.body, push.contentType);
      if (!verifyOzonetelCallback(payload, account.apiKey))
        throw new PushRejected(401, 'the payload does not carry this account’s API key');
      return [parseOzonetelCallback(payload, { apiKey: account.apiKey })];
    },
  };
}
