import { InvalidRequestError } from '@cdr/core';
import {
  createPhoneNormalizer,
  type PushRoutes,
  parseResponse,
  sameSecret,
} from '@cdr/core/provider-utils';
import { mapTelnyxCall } from './map-telnyx-call.js';
import { telnyxRecordSchema } from './telnyx-schemas.js';

const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });

/**
 * Telnyx's pushes (webhooks), one route per account at `<receiver>/<account>/<token>`.
 *
 * TODO(telnyx): check them as the docs say: a signature over the URL and body (compared in
 * constant time; then drop `tokenVariable`), or, when the provider signs nothing, the secret
 * last path segment as here. Parse the body as the docs give it; return `{ ignored }` for
 * events that carry no finished call, and add `merge` if a call arrives in parts.
 */
export const telnyxPush: PushRoutes<{ name: string }> = {
  what: 'webhooks',
  route: 'account',
  tokenVariable: {
    name: 'TELNYX_WEBHOOK_TOKEN',
    description: "16+ random characters: the secret last path segment of Telnyx's webhook URL",
    secret: true,
  },
  check: "the path's last segment is the webhook token",
  handler: (_account, { token }) => ({
    // A wrong token is answered as a path that does not exist.
    verify: (push) =>
      token !== undefined && sameSecret(push.url.pathname.split('/').at(-1), token)
        ? undefined
        : { status: 404, reason: 'not found' },
    parse(push) {
      let raw: unknown;
      try {
        raw = JSON.parse(push.body);
      } catch {
        throw new InvalidRequestError({ provider: 'telnyx', message: 'a push that is not JSON' });
      }
      const record = parseResponse(telnyxRecordSchema, raw, {
        provider: 'telnyx',
        endpoint: 'push',
      });
      return [mapTelnyxCall(record, normalize, raw)];
    },
  }),
  setup: (account, url) =>
    `Register ${url}/<TELNYX_WEBHOOK_TOKEN> as the webhook URL of ${account.name} (behind HTTPS).`,
};
