import { AuthenticationError } from '@cdr/core';
import {
  createPhoneNormalizer,
  keepListedCall,
  type PushRoutes,
  type ReceivedPush,
} from '@cdr/core/provider-utils';
import { mapTwilioStatusCallback, twilioInProgressStatuses } from './map-twilio-status-callback.js';
import type { TwilioSimulator } from './testing/twilio-simulator.js';
import { parseTwilioStatusCallback } from './twilio-status-callback.js';

/** The URL Twilio called: the public URL, then the path and query as received. */
function signedUrl(push: ReceivedPush, publicUrl: string | undefined): string {
  const host = push.headers.host;
  const base = publicUrl?.replace(/\/$/, '') ?? `http://${typeof host === 'string' ? host : ''}`;
  return `${base}${push.url.pathname}${push.url.search}`;
}

/**
 * Twilio's call status callbacks, one route per account: refused with 403 unless
 * `X-Twilio-Signature` signs the public URL and the parameters (or, for JSON, `bodySHA256`)
 * with the account's Auth Token; callbacks of a call not over yet are answered and not
 * stored. A call the listing already gave is kept as listed: it tells more (the price, the
 * caller's name).
 */
export const twilioPush: PushRoutes<{ name: string; authToken: string | undefined }> = {
  what: 'status callbacks',
  route: 'account',
  methods: ['POST', 'GET'],
  signsUrl: true,
  check: 'checked against X-Twilio-Signature',
  problem: (account) =>
    account.authToken
      ? undefined
      : `${account.name} authenticates with an API key, which signs nothing: receiving its status callbacks needs the account's Auth Token, which Twilio signs them with (set TWILIO_AUTH_TOKEN beside the key; in an accounts file, authToken instead of apiKey)`,
  handler(account, { publicUrl, now }) {
    const { authToken } = account;
    if (!authToken) throw new Error(`${account.name} has no Auth Token to check its callbacks`);
    const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
    const read = (push: ReceivedPush) =>
      parseTwilioStatusCallback(
        {
          method: push.method,
          url: signedUrl(push, publicUrl),
          headers: push.headers,
          body: push.body,
        },
        { authToken },
      );
    return {
      verify(push) {
        try {
          read(push);
        } catch (error) {
          if (!AuthenticationError.isInstance(error)) return undefined; // parse() reports it.
          return {
            status: 403,
            reason:
              push.headers['x-twilio-signature'] === undefined
                ? 'no X-Twilio-Signature: not signed by Twilio'
                : 'the X-Twilio-Signature does not sign this URL and body with the account’s Auth Token (is --public-url the URL Twilio calls?)',
          };
        }
        return undefined;
      },
      parse(push) {
        const callback = read(push);
        if (twilioInProgressStatuses.has(callback.callStatus))
          return { ignored: `a call not over yet (${callback.callStatus})` };
        return [mapTwilioStatusCallback(callback, normalize, { receivedAt: now() })];
      },
      // A listed record has `sid`; a callback's parameters `CallSid`.
      merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && 'sid' in raw),
    };
  },
  setup: (account, url) =>
    `Set ${url} as the StatusCallback of ${account.name}'s calls (signed with its Auth Token over that URL).`,
  simulatedNote: (account) =>
    `Simulated account ${account.name}: status callbacks must be signed with the simulator's Auth Token (generated for this run) over the URL called.`,
  testPush(server, url) {
    const simulator = server as TwilioSimulator;
    const call = simulator.calls().find((candidate) => candidate.record.status === 'completed');
    if (!call) return undefined;
    const push = simulator.statusCallback(call.id, url);
    return {
      headers: { 'X-Twilio-Signature': push.headers['x-twilio-signature'] ?? '' },
      body: push.body,
    };
  },
};
