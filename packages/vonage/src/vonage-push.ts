import {
  createPhoneNormalizer,
  keepListedCall,
  type PushRoutes,
  parseResponse,
} from '@cdr/core/provider-utils';
import { mapVonageCall } from './map-vonage-call.js';
import { defaultVonagePushToleranceSeconds } from './vonage-provider.js';
import { type VonageCompletedEvent, vonageCompletedEventSchema } from './vonage-schemas.js';
import { vonageWebhookProblem } from './vonage-signed-webhook.js';

/** What a Vonage account's pushes need: the signature secret and the mapping's settings. */
export interface VonagePushAccount {
  name: string;
  signatureSecret: string | undefined;
  currency: string | undefined;
  pushToleranceSeconds: number | undefined;
}

/**
 * A webhook party (a plain string: a number without `+`, a SIP URI, an app user) as the
 * listing's endpoint object, so that a pushed leg maps as the listed one does.
 */
function endpointOf(value: string | number | null | undefined) {
  if (value === null || value === undefined || String(value) === '') return undefined;
  const text = String(value);
  if (/^\d+$/.test(text)) return { type: 'phone', number: text };
  if (/^(sip|sips|wss?):/i.test(text))
    return { type: text.startsWith('sip') ? 'sip' : 'websocket', uri: text };
  return { type: 'app', user: text };
}

const asRecord = (event: VonageCompletedEvent) => ({
  ...event,
  from: endpointOf(event.from),
  to: endpointOf(event.to),
});

/**
 * Vonage's event webhooks, one route per account: refused with 401 unless the
 * `Authorization` JWT is HS256-signed with the account's signature secret, recent, and its
 * `payload_hash` is the body's (see `vonageWebhookProblem`). Only `completed` events carry
 * a finished leg with its summary (times, duration, price); the others (`started`,
 * `ringing`, `answered`, `busy`…) are answered and not stored: the listing reconciles them.
 * A leg the listing already gave is kept as listed.
 */
export const vonagePush: PushRoutes<VonagePushAccount> = {
  what: 'event webhooks',
  route: 'account',
  check:
    "a JWT in Authorization signed HS256 with the account's signature secret, over payload_hash",
  problem: (account) =>
    account.signatureSecret
      ? undefined
      : `${account.name} has no signature secret, which Vonage signs its webhooks with: set VONAGE_SIGNATURE_SECRET (Dashboard → API settings), or signatureSecret in an accounts file`,
  handler(account, { now }) {
    const secret = account.signatureSecret;
    if (!secret) throw new Error(`${account.name} has no signature secret to check its webhooks`);
    const normalize = createPhoneNormalizer({ defaultRegion: 'GB' });
    const toleranceSeconds = account.pushToleranceSeconds ?? defaultVonagePushToleranceSeconds;
    return {
      verify(push) {
        const authorization = push.headers.authorization;
        const problem = vonageWebhookProblem(
          typeof authorization === 'string' ? authorization : undefined,
          push.body,
          secret,
          { now: now(), toleranceSeconds },
        );
        return problem === undefined ? undefined : { status: 401, reason: problem };
      },
      parse(push) {
        let raw: unknown;
        try {
          raw = JSON.parse(push.body);
        } catch {
          return { ignored: 'a webhook that is not JSON' };
        }
        const status = (raw as { status?: unknown } | null)?.status;
        if (status !== 'completed')
          return {
            ignored: `a ${typeof status === 'string' ? status : 'status'} event: only completed legs are stored`,
          };
        const event = parseResponse(vonageCompletedEventSchema, raw, {
          provider: 'vonage',
          endpoint: 'event webhook',
        });
        return [mapVonageCall(asRecord(event), normalize, raw, { currency: account.currency })];
      },
      // A listed record has `_links`; an event has `timestamp`.
      merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && '_links' in raw),
    };
  },
  setup: (account, url) =>
    `Set ${url} as the event URL of ${account.name}'s Vonage application (signed callbacks on, the default).`,
  simulatedNote: (account) =>
    `Simulated account ${account.name}: webhooks must carry a JWT signed with the simulator's signature secret (generated for this run).`,
  testPush(server, _url) {
    const simulator = server as {
      /** The injected clock's reading when the simulator started (`simulate({ now })`), epoch ms. */
      now: number;
      calls(): { id: string; record: Record<string, unknown> }[];
      completedEvent(
        id: string,
        options?: { signedAt?: Date },
      ): { headers: Record<string, string>; body: string };
    };
    const call = simulator.calls().find((candidate) => candidate.record.status === 'completed');
    if (!call) return undefined;
    // Signed now on the injected clock, the receiver's (`CDR_NOW`): the operator sends it by
    // hand now, and the receiver checks `iat` against that clock (a push signed when the leg
    // ended, or on the machine's clock, would be outside the tolerance).
    const push = simulator.completedEvent(call.id, { signedAt: new Date(simulator.now) });
    return { headers: { Authorization: push.headers.authorization ?? '' }, body: push.body };
  },
};
