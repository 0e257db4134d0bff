import type { Call } from '@cdr/core';
import { parseOptions } from '@cdr/core/provider-utils';
import { invalidTelecmiWebhook } from './invalid-telecmi-webhook.js';
import { mapTelecmiWebhookLegs } from './map-telecmi-webhook-legs.js';
import { readTelecmiWebhookBody, type TelecmiWebhookBody } from './read-telecmi-webhook-body.js';
import { readTelecmiWebhookLeg } from './read-telecmi-webhook-leg.js';
import {
  parseTelecmiWebhookOptionsSchema,
  type TelecmiWebhookMappingOptions,
  webhookNormalizer,
} from './telecmi-webhook-options.js';
import { type TelecmiWebhookPayload, telecmiWebhookTypeSchema } from './telecmi-webhook-schemas.js';

export interface ParseTelecmiWebhookOptions extends TelecmiWebhookMappingOptions {
  /** The request's `Content-Type`: tells JSON from form fields. Default: guessed from the body. */
  contentType?: string;
  /**
   * Which field names the call a leg belongs to. Default `defaultTelecmiWebhookCallId`:
   * `conversation_uuid`, or `cmiuuid` on a call's first leg. Override it if your account's
   * webhooks carry no `conversation_uuid` on leg b (`(payload) => payload.call_id` joins
   * the legs by `call_id`, though the id then differs from the listings').
   */
  callId?: (payload: TelecmiWebhookPayload) => string | undefined;
}

/** What a webhook request was: a leg of a call's CDR, or a live event (ignored). */
export type TelecmiWebhookResult =
  | {
      kind: 'call';
      /** The Call as this leg tells it; merge it into the stored one with `mergeTelecmiLegs`. */
      call: Call;
      leg: 'a' | 'b' | undefined;
    }
  | {
      /** `type: "event"`: a call in progress (waiting, started, answered). Nothing to store. */
      kind: 'live-event';
      status: string | undefined;
    };

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The Call id of a leg: the conversation's id, which every leg carries in
 * `conversation_uuid` and which is leg a's `cmiuuid` (TeleCMI's live-event samples show
 * both). The listings' `cmiuid` is taken to be the same id: pushed and listed Calls then
 * share `(provider, id)`. A leg b without `conversation_uuid` has no id of its call.
 */
export function defaultTelecmiWebhookCallId(payload: TelecmiWebhookPayload): string | undefined {
  return payload.conversation_uuid ?? (payload.leg === 'b' ? undefined : payload.cmiuuid);
}

/**
 * Reads one TeleCMI webhook request: a CDR (`type: "cdr"`), one leg of a call, becomes a
 * Call by the listings' mapping; a live event (`type: "event"`) is recognised and ignored.
 * Anything else is an `InvalidRequestError` naming what is wrong. Check the request's
 * origin first (`verifyTelecmiWebhookToken`, `verifyTelecmiWebhookBasicAuth`): TeleCMI
 * signs nothing.
 *
 * ```ts
 * const result = parseTelecmiWebhook(body, { contentType: request.headers['content-type'] });
 * if (result.kind === 'call') await store.put(mergeTelecmiLegs(await store.get(result.call.id), result.call));
 * ```
 */
export function parseTelecmiWebhook(
  body: TelecmiWebhookBody,
  options: ParseTelecmiWebhookOptions = {},
): TelecmiWebhookResult {
  if (typeof options === 'object' && options !== null && 'now' in options)
    throw invalidTelecmiWebhook(
      'parseTelecmiWebhook no longer takes `now`: a leg reads the same whatever its age; judge `call.startedAt` against your clock in your receiver (README: "Webhooks")',
    );
  const settings = parseOptions(parseTelecmiWebhookOptionsSchema, options, {
    what: 'parseTelecmiWebhook options',
    provider: 'telecmi',
  }) as ParseTelecmiWebhookOptions;
  const received = readTelecmiWebhookBody(body, settings.contentType);
  const typed = telecmiWebhookTypeSchema.safeParse(received);
  if (!typed.success)
    throw invalidTelecmiWebhook('`type`: expected "cdr" (a call record) or "event" (a live event)');
  if (typed.data.type === 'event') {
    return {
      kind: 'live-event',
      status: typeof received.status === 'string' ? received.status : undefined,
    };
  }

  const leg = readTelecmiWebhookLeg(received);
  const { payload } = leg;
  const id = (settings.callId ?? defaultTelecmiWebhookCallId)(payload);
  if (id === undefined) {
    throw invalidTelecmiWebhook(
      settings.callId
        ? 'the `callId` option found no call id in this leg'
        : 'leg b carries no `conversation_uuid`, so it cannot be joined to its call (the `callId` option can name another field)',
    );
  }
  if (typeof id !== 'string' || !idPattern.test(id))
    throw invalidTelecmiWebhook(
      'the call id must be up to 128 letters, digits, ".", "_", ":" or "-"',
    );
  return {
    kind: 'call',
    call: mapTelecmiWebhookLegs(id, [leg], webhookNormalizer(settings.defaultRegion)),
    leg: payload.leg,
  };
}
