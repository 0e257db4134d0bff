import type { Call } from '@cdr/core';
import { parseOptions } from '@cdr/core/provider-utils';
import { z } from 'zod';
import { invalidTelecmiWebhook } from './invalid-telecmi-webhook.js';
import {
  compareTelecmiLegs,
  mapTelecmiWebhookLegs,
  type TelecmiWebhookLeg,
} from './map-telecmi-webhook-legs.js';
import { readTelecmiWebhookLeg } from './read-telecmi-webhook-leg.js';
import {
  type TelecmiWebhookMappingOptions,
  telecmiWebhookMappingShape,
  webhookNormalizer,
} from './telecmi-webhook-options.js';

/**
 * The most legs one Call keeps. An outbound call has two; an inbound one has its own and
 * one per user rung, kept for `raw`. The cap bounds what a sender repeating new leg ids
 * under one call id can make a stored Call grow to.
 */
export const maxTelecmiLegs = 16;

const mergeOptionsSchema = z.strictObject(telecmiWebhookMappingShape);

/** The legs a Call was built from, or `undefined` when it was not built from webhooks. */
function legsOf(call: Call, what: string): TelecmiWebhookLeg[] | undefined {
  const raw = call.raw as { webhookLegs?: unknown } | null | undefined;
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.webhookLegs)) return undefined;
  return raw.webhookLegs.map((received: unknown, index) => {
    if (typeof received !== 'object' || received === null || Array.isArray(received))
      throw invalidTelecmiWebhook(`${what}'s leg ${index + 1} is not an object`);
    return readTelecmiWebhookLeg(received as Record<string, unknown>, `${what}'s leg ${index + 1}`);
  });
}

/** A stable text of a JSON value, keys sorted: tells two copies of one leg apart the same way every time. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Of two deliveries of one leg (one `cmiuuid`), the one to keep: the one with more fields,
 * then the one whose text sorts last. Repeats are normally identical; when they are not,
 * the choice must not depend on which arrived first.
 */
function preferred(left: TelecmiWebhookLeg, right: TelecmiWebhookLeg): TelecmiWebhookLeg {
  const byFields = Object.keys(left.received).length - Object.keys(right.received).length;
  if (byFields !== 0) return byFields > 0 ? left : right;
  return canonical(left.received) >= canonical(right.received) ? left : right;
}

/**
 * Merges a call's webhook legs into one Call, whichever arrives first and however often
 * each is repeated: the result depends only on the set of distinct legs received (by
 * `cmiuuid`), so merging is idempotent and order-independent. An outbound answered call
 * arrives as two legs: leg a (the user's phone) and leg b (the customer, with the
 * recording); see the package README for what each leg contributes.
 *
 * Storage-agnostic: `existing` is the Call stored for `(provider, id)` — read back from
 * JSON is fine — or `undefined`; store the result in its place. The legs travel in the
 * Call's `raw.webhookLegs`. A Call from a listing (no legs in `raw`) is the account's
 * fuller record (cost, notes, contact names) and wins: merged with a leg, the listed Call
 * comes back unchanged. Pass the `defaultRegion` given to `parseTelecmiWebhook`.
 *
 * ```ts
 * const result = parseTelecmiWebhook(body, { contentType });
 * if (result.kind === 'call') {
 *   const stored = await store.get('telecmi', result.call.id); // a Call or undefined
 *   await store.put(mergeTelecmiLegs(stored, result.call));
 * }
 * ```
 */
export function mergeTelecmiLegs(
  existing: Call | undefined,
  incoming: Call,
  options: TelecmiWebhookMappingOptions = {},
): Call {
  const settings = parseOptions(mergeOptionsSchema, options, {
    what: 'mergeTelecmiLegs options',
    provider: 'telecmi',
  }) as TelecmiWebhookMappingOptions;
  for (const [name, call] of [
    ['the stored Call', existing],
    ['the incoming Call', incoming],
  ] as const) {
    if (call !== undefined && call.provider !== 'telecmi')
      throw invalidTelecmiWebhook(`${name} is not a TeleCMI Call`);
  }
  if (existing !== undefined && existing.id !== incoming.id)
    throw invalidTelecmiWebhook('the stored and the incoming Call have different ids');
  const incomingLegs = legsOf(incoming, 'the incoming Call');
  // A listed Call replaces what webhooks told, and is not replaced by them.
  if (incomingLegs === undefined) return incoming;
  if (incomingLegs.length === 0) throw invalidTelecmiWebhook('the incoming Call has no legs');
  const existingLegs = existing === undefined ? [] : legsOf(existing, 'the stored Call');
  if (existingLegs === undefined) return existing!;

  const byLegId = new Map<string, TelecmiWebhookLeg>();
  for (const leg of [...existingLegs, ...incomingLegs]) {
    const kept = byLegId.get(leg.payload.cmiuuid);
    byLegId.set(leg.payload.cmiuuid, kept ? preferred(kept, leg) : leg);
  }
  // Past the cap, the legs kept are the first in the merged order (the call's own legs
  // first): the same ones whatever the arrival order, since a dropped leg sorts after all.
  const legs = [...byLegId.values()].sort(compareTelecmiLegs).slice(0, maxTelecmiLegs);
  return mapTelecmiWebhookLegs(incoming.id, legs, webhookNormalizer(settings.defaultRegion));
}
