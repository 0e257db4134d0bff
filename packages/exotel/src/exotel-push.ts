import { keepListedCall, type PushRoutes, sameSecret } from '@cdr/core/provider-utils';
import { parseExotelStatusCallback } from './map-exotel-call.js';
import type { ExotelSimulator } from './testing/exotel-simulator.js';

/**
 * Exotel's StatusCallbacks, one route per account, `<receiver>/exotel/<token>`: Exotel signs
 * nothing, so the secret path is the check, compared in constant time, and a wrong token is
 * answered as a path that does not exist. A form (Exotel's default) or JSON, read in the
 * account's time zone. A call the listing already gave is kept as listed: it tells more (the
 * price, the total duration).
 */
export const exotelPush: PushRoutes<{ name: string; timeZone: string }> = {
  what: 'StatusCallbacks',
  route: 'account',
  tokenVariable: {
    name: 'EXOTEL_WEBHOOK_TOKEN',
    description: "the secret last path segment of the StatusCallback URL given in Exotel's calls",
    secret: true,
  },
  check: "the path's last segment is the webhook token",
  handler: (account, { token }) => ({
    verify: (push) =>
      token !== undefined && sameSecret(push.url.pathname.split('/').at(-1), token)
        ? undefined
        : { status: 404, reason: 'not found' },
    parse: (push) => [
      parseExotelStatusCallback(push.body, {
        ...(push.contentType ? { contentType: push.contentType } : {}),
        timeZone: account.timeZone,
      }),
    ],
    // A listed record has `Sid`; a StatusCallback `CallSid`.
    merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && 'Sid' in raw),
  }),
  setup: (account, url) =>
    `Give Exotel ${url}/<EXOTEL_WEBHOOK_TOKEN> as the StatusCallback URL of ${account.name}'s calls (behind HTTPS).`,
  testPush(server) {
    const simulator = server as ExotelSimulator;
    const call = simulator.calls().find((candidate) => candidate.status === 'answered');
    return call && { body: simulator.statusCallback(call.id).body };
  },
};
