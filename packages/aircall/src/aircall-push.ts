import {
  type CountryCode,
  createPhoneNormalizer,
  keepListedCall,
  type PushRefusal,
  type PushRoutes,
  parseResponse,
  type ReceivedPush,
  sameSecret,
} from '@cdr/core/provider-utils';
import { type AircallWebhook, aircallCallSchema, aircallWebhookSchema } from './aircall-schemas.js';
import { type AircallMappingOptions, mapAircallCall } from './map-aircall-call.js';
import type { AircallSimulator } from './testing/aircall-simulator.js';

/** What a push handler reads of an account. */
export interface AircallPushAccount {
  name: string;
  /** The `token` Aircall gave the account's webhook (at creation, or `GET /v1/webhooks/{id}`). */
  webhookToken: string | undefined;
  defaultRegion?: CountryCode | undefined;
  costCurrency?: AircallMappingOptions['costCurrency'];
}

/**
 * Events whose call is over and complete: `call.ended` ("once all data" is ready, about 30 s
 * after hang-up) and the later changes to an ended call. `call.hungup` comes before the data
 * is complete and `call.created`/`call.answered`… while the call goes on: they are answered
 * and not stored.
 */
export const aircallStoredEvents: ReadonlySet<string> = new Set([
  'call.ended',
  'call.tagged',
  'call.untagged',
  'call.commented',
  'call.assigned',
  'call.archived',
  'call.comm_assets_generated',
]);

function readBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Checks a webhook the way Aircall authenticates them: a shared `token` in the JSON body (no
 * signature, no timestamp to bound a replay), compared with the webhook's token in constant
 * time. Returns the delivery, or why it is refused.
 */
export function verifyAircallWebhook(
  body: string,
  webhookToken: string,
): { webhook: AircallWebhook } | { refusal: PushRefusal } {
  const raw = readBody(body);
  const token = (raw as { token?: unknown } | null | undefined)?.token;
  if (typeof token !== 'string' || token === '')
    return { refusal: { status: 401, reason: 'no token in the body: not an Aircall webhook' } };
  if (!sameSecret(token, webhookToken))
    return {
      refusal: { status: 403, reason: "the body's token is not this account's webhook token" },
    };
  const parsed = aircallWebhookSchema.safeParse(raw);
  if (!parsed.success)
    return { refusal: { status: 401, reason: 'not an Aircall webhook (no resource or event)' } };
  return { webhook: parsed.data };
}

/**
 * Aircall's webhooks, one route per account: refused unless the body's `token` is the
 * account's webhook token. The calls of `aircallStoredEvents` are stored, with the listing's
 * mapping; a call the listing already gave is kept as listed (the listing is the source of
 * truth: Aircall rewrites cost and duration after the call).
 */
export const aircallPush: PushRoutes<AircallPushAccount> = {
  what: 'webhooks',
  route: 'account',
  check: "the body's token is checked against the webhook's token (AIRCALL_WEBHOOK_TOKEN)",
  problem: (account) =>
    account.webhookToken
      ? undefined
      : `${account.name} has no webhook token: set AIRCALL_WEBHOOK_TOKEN (in an accounts file, webhookToken) to the token Aircall returned when the webhook was created`,
  handler(account) {
    const { webhookToken } = account;
    if (!webhookToken) throw new Error(`${account.name} has no webhook token to check its pushes`);
    const normalize = createPhoneNormalizer({ defaultRegion: account.defaultRegion ?? 'US' });
    const read = (push: ReceivedPush) => verifyAircallWebhook(push.body, webhookToken);
    return {
      verify(push) {
        const result = read(push);
        return 'refusal' in result ? result.refusal : undefined;
      },
      parse(push) {
        const result = read(push);
        if ('refusal' in result) throw new Error(result.refusal.reason);
        const { webhook } = result;
        if (webhook.resource !== 'call' || !aircallStoredEvents.has(webhook.event))
          return { ignored: `${webhook.event}: not a call that is over` };
        const record = parseResponse(aircallCallSchema, webhook.data, {
          provider: 'aircall',
          endpoint: `webhook ${webhook.event}`,
        });
        if (record.status !== 'done') return { ignored: `a call not over yet (${record.status})` };
        return [
          mapAircallCall(record, normalize, webhook.data, { costCurrency: account.costCurrency }),
        ];
      },
      // A listed record has `sid`; an event's call has `call_uuid`.
      merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && 'sid' in raw),
    };
  },
  setup: (account, url) =>
    `Create a webhook for ${account.name} with url ${url} and events ["call.ended"] (Dashboard → Integrations → Webhook, or POST /v1/webhooks), and set AIRCALL_WEBHOOK_TOKEN to the token it returns.`,
  simulatedNote: (account) =>
    `Simulated account ${account.name}: pushes must carry the simulator's webhook token (made up for this run) in their "token" field.`,
  testPush(server) {
    const simulator = server as AircallSimulator;
    const call = simulator.calls().find((candidate) => candidate.record.status === 'done');
    if (!call) return undefined;
    return {
      headers: { 'Content-Type': 'application/json' },
      body: simulator.webhook(call.id),
    };
  },
};
