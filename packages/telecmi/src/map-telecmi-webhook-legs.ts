import type { Call, CallStatus } from '@cdr/core';
import type { PhoneNormalizer } from '@cdr/core/provider-utils';
import { mapTelecmiCall } from './map-telecmi-call.js';
import type { TelecmiRecord } from './telecmi-schemas.js';
import type { TelecmiWebhookPayload } from './telecmi-webhook-schemas.js';

/** One leg as received (kept in `raw`) and as read by `telecmiWebhookPayloadSchema`. */
export interface TelecmiWebhookLeg {
  received: Record<string, unknown>;
  payload: TelecmiWebhookPayload;
}

/**
 * What a leg tells about its call (see the package README, "Webhooks"):
 * - `customer`: the customer's side, the call's own record: an inbound call's leg (a, or
 *   none), an outbound call's leg b, or its only leg when it was missed;
 * - `user`: leg a of an answered outbound call, the user's phone that TeleCMI rang first;
 *   it names the user and the phone, while leg b has the customer and the recording;
 * - `attempt`: leg b of an inbound call, one user rung ("Incoming User Missed"): it says
 *   nothing of the call's outcome, which another user may have answered.
 */
export type TelecmiLegRole = 'customer' | 'user' | 'attempt';

export function telecmiLegRole(payload: TelecmiWebhookPayload): TelecmiLegRole {
  if (payload.direction === 'inbound') return payload.leg === 'b' ? 'attempt' : 'customer';
  return payload.leg === 'a' && payload.status.toLowerCase() === 'answered' ? 'user' : 'customer';
}

const roleRank: Record<TelecmiLegRole, number> = { customer: 0, user: 1, attempt: 2 };

/** The order a merged Call reads its legs in: the same whatever order they arrived in. */
export function compareTelecmiLegs(left: TelecmiWebhookLeg, right: TelecmiWebhookLeg): number {
  const byRole = roleRank[telecmiLegRole(left.payload)] - roleRank[telecmiLegRole(right.payload)];
  if (byRole !== 0) return byRole;
  const byLeg = (left.payload.leg ?? '').localeCompare(right.payload.leg ?? '');
  if (byLeg !== 0) return byLeg;
  return left.payload.cmiuuid < right.payload.cmiuuid
    ? -1
    : left.payload.cmiuuid > right.payload.cmiuuid
      ? 1
      : 0;
}

function toStatus(status: string): CallStatus {
  const lower = status.toLowerCase();
  return lower === 'answered' || lower === 'missed' ? lower : 'unknown';
}

/** The first value the legs give, skipping absent and empty ones. */
function firstOf<Value>(
  legs: readonly TelecmiWebhookLeg[],
  pick: (payload: TelecmiWebhookPayload) => Value | undefined,
): Value | undefined {
  for (const leg of legs) {
    const value = pick(leg.payload);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * The legs of one call → one Call, with the listings' mapping (`mapTelecmiCall`): the legs
 * are first read into the record a listing would have served, field by field in the
 * listings' meaning (`to` is the number called: the DID on an inbound call, the customer
 * on an outbound one), then mapped like a listed record. What only a webhook tells (talk
 * and wait seconds, the user's phone, the hangup reason, the team) is added after.
 *
 * `legs` must be those of one call, at least one; their order does not matter.
 */
export function mapTelecmiWebhookLegs(
  id: string,
  legs: readonly TelecmiWebhookLeg[],
  normalize: PhoneNormalizer,
): Call {
  const ordered = [...legs].sort(compareTelecmiLegs);
  const customers = ordered.filter((leg) => telecmiLegRole(leg.payload) === 'customer');
  const users = ordered.filter((leg) => telecmiLegRole(leg.payload) === 'user');
  const customersAndUsers = [...customers, ...users];
  const primary = ordered[0]!.payload;
  const inbound = primary.direction === 'inbound';
  // Only an attempt has arrived: a user was rung, what became of the call is not known yet.
  const status: CallStatus =
    customersAndUsers.length > 0 ? toStatus(customersAndUsers[0]!.payload.status) : 'unknown';
  const voicemailFile = firstOf(customers, (payload) =>
    payload.voicemail ? payload.voicename : undefined,
  );

  const record: TelecmiRecord = {
    cmiuid: id,
    time: primary.time,
    // An absent party is left out by the mapping, as an empty one is.
    from:
      (inbound
        ? firstOf(ordered, (payload) => payload.from)
        : firstOf(
            customersAndUsers,
            (payload) => payload.virtual_number ?? payload.callerid ?? payload.from,
          )) ?? '',
    to: inbound
      ? firstOf(ordered, (payload) => payload.virtual_number)
      : firstOf(customers, (payload) => payload.to),
    agent: firstOf(customersAndUsers, (payload) => payload.user),
    filename: voicemailFile ?? firstOf(customersAndUsers, (payload) => payload.filename),
  };
  const call = mapTelecmiCall(
    record,
    {
      direction: primary.direction,
      status,
      ...(voicemailFile !== undefined ? { group: 'voicemail' as const } : {}),
    },
    normalize,
  );

  const talkSeconds = firstOf(customers, (payload) => payload.answeredsec);
  if (talkSeconds !== undefined) call.durations.talkSeconds = talkSeconds;
  const waitSeconds = firstOf(customers, (payload) => payload.waitedsec);
  if (waitSeconds !== undefined) call.durations.ringSeconds = waitSeconds;
  // The user's own phone: `to` of an inbound call's record, of an outbound call's leg a.
  const userPhone = inbound
    ? firstOf(customers, (payload) => payload.to)
    : firstOf(users, (payload) => payload.to);
  if (userPhone !== undefined) call.agent = { ...call.agent, phone: normalize(userPhone) };
  const providerFields: Record<string, string> = { ...call.providerFields };
  const hangupReason = firstOf(customers, (payload) => payload.hangup_reason);
  if (hangupReason !== undefined) providerFields.hangupReason = hangupReason;
  const team = firstOf(customersAndUsers, (payload) => payload.team);
  if (team !== undefined) providerFields.team = team;
  if (Object.keys(providerFields).length > 0) call.providerFields = providerFields;
  else delete call.providerFields;
  call.raw = { webhookLegs: ordered.map((leg) => leg.received) };
  return call;
}
