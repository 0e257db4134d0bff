import { InvalidRequestError } from '@cdr/core';
import {
  createPhoneNormalizer,
  type PushRoutes,
  parseResponse,
  sameSecret,
} from '@cdr/core/provider-utils';
import { mapPlivoCall } from './map-plivo-call.js';
import { plivoRecordSchema } from './plivo-schemas.js';

const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });

/**
 * Plivo's pushes (webhooks), one route per account at `<receiver>/<account>/<token>`.
 *
 * TODO(plivo): check them as the docs say: a signature over the URL and body (compared in
 * constant time; then drop `tokenVariable`), or, when the provider signs nothing, the secret
 * last path segment as here. Parse the body as the docs give it; return `{ ignored }` for
 * events that carry no finished call, and add `merge` if a call arrives in parts.
 */
export const plivoPush: PushRoutes<{ name: string }> = {
  what: 'webhooks',
  route: 'account',
  tokenVariable: {
    name: 'PLIVO_WEBHOOK_TOKEN',
    description: "16+ random characters: the secret last path segment of Plivo's webhook URL",
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
        throw new InvalidRequestError({ provider: 'plivo', message: 'a push that is not JSON' });
      }
      const record = parseResponse(plivoRecordSchema, raw, { provider: 'plivo', endpoint: 'push' });
      return [mapPlivoCall(record, normalize, raw)];
    },
  }),
  setup: (account, url) =>
    `Register ${url}/<PLIVO_WEBHOOK_TOKEN> as the webhook URL of ${account.name} (behind HTTPS).`,
};
