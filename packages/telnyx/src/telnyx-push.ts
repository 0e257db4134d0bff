import { InvalidRequestError } from '@cdr/core';
import {
  createPhoneNormalizer,
  keepListedCall,
  type PushRoutes,
  parseResponse,
} from '@cdr/core/provider-utils';
import { mapTelnyxHangup } from './map-telnyx-hangup.js';
import { telnyxWebhookSchema } from './telnyx-schemas.js';
import { telnyxPublicKey, telnyxSignatureProblem } from './telnyx-webhook-signature.js';
import type { TelnyxSimulator } from './testing/telnyx-simulator.js';

/**
 * Telnyx's Call Control webhooks, one route per account: refused with 401 unless signed
 * (Ed25519 over `timestamp|body`, within 300 s of the receiver's clock) by the account's
 * public key (`webhookPublicKey`). Only `call.hangup` carries a finished call; a call the
 * listing already gave is kept as listed (it has durations and cost, the event has none).
 */
export const telnyxPush: PushRoutes<{ name: string; webhookPublicKey: string | undefined }> = {
  what: 'Call Control webhooks',
  route: 'account',
  check: 'checked against telnyx-signature-ed25519 with the account public key',
  problem: (account) =>
    account.webhookPublicKey
      ? undefined
      : `${account.name} has no webhook public key: set TELNYX_PUBLIC_KEY (Mission Control Portal → Keys & Credentials → Public Key) to receive its webhooks`,
  handler(account, { now }) {
    const key = telnyxPublicKey(account.webhookPublicKey ?? '');
    if (!key) throw new Error(`${account.name} has no webhook public key to check its webhooks`);
    const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
    return {
      verify(push) {
        const problem = telnyxSignatureProblem(push, key, now().getTime());
        return problem === undefined ? undefined : { status: 401, reason: problem };
      },
      parse(push) {
        let raw: unknown;
        try {
          raw = JSON.parse(push.body);
        } catch {
          throw new InvalidRequestError({
            provider: 'telnyx',
            message: 'a webhook that is not JSON',
          });
        }
        const event = parseResponse(telnyxWebhookSchema, raw, {
          provider: 'telnyx',
          endpoint: 'webhook',
        });
        if (event.data.event_type !== 'call.hangup')
          return { ignored: `${event.data.event_type}: no finished call` };
        return [mapTelnyxHangup(event, normalize)];
      },
      // A listed detail record has `started_at`; a webhook's raw is the event (`data`).
      merge: keepListedCall(
        (raw) => typeof raw === 'object' && raw !== null && 'started_at' in raw,
      ),
    };
  },
  setup: (account, url) =>
    `Set ${url} as the webhook URL of ${account.name}'s Call Control application (Telnyx signs each webhook with the account's Ed25519 key; TELNYX_PUBLIC_KEY checks it).`,
  simulatedNote: (account) =>
    `Simulated account ${account.name}: webhooks must be signed with the simulator's Ed25519 key (generated for this run).`,
  testPush(server) {
    const simulator = server as TelnyxSimulator;
    const call = simulator.calls().at(-1);
    if (!call) return undefined;
    const push = simulator.hangupPush(call.id, Math.floor(simulator.now / 1000));
    return {
      headers: {
        'telnyx-signature-ed25519': push.headers['telnyx-signature-ed25519'] ?? '',
        'telnyx-timestamp': push.headers['telnyx-timestamp'] ?? '',
      },
      body: push.body,
    };
  },
};
