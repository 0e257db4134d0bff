import { createHash } from 'node:crypto';
import type { SimulatedTelecmiCall, TelecmiAccounts } from './telecmi-data-set.js';

/** The webhooks TeleCMI sends for one call: its CDR legs and the live events before them. */
export interface TelecmiWebhookPayloads {
  /** One CDR per leg: leg a then leg b for an answered outbound call, else one. */
  cdrs: Record<string, unknown>[];
  /** Live events (`type: "event"`) of each leg, by the index of the leg in `cdrs`. */
  events: Record<string, unknown>[][];
}

/** A simulated user's own phone: fixed by the extension, so no random draw moves the data set. */
export function simulatedUserPhone(userId: string): string {
  const extension = userId.split('_')[0] ?? '0';
  return `91980000${extension.padStart(4, '0').slice(-4)}`;
}

/** Leg b's own id, derived from the call's so that the same call always pushes the same legs. */
function legBId(callId: string): string {
  const hex = createHash('sha256').update(`${callId}:b`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The CDR webhooks of a simulated TeleCMI (CHUB) call, shaped like the published samples
 * (doc.telecmi.com, "Incoming/Outgoing Answered/Missed CDR") and consistent with what the
 * listings serve for the same call:
 * - the call's `cmiuid` is leg a's `cmiuuid` and every leg's `conversation_uuid`;
 * - inbound: one leg, `from` the caller, `virtual_number` the DID, `to` the user's phone,
 *   `answeredsec` (the billed seconds) or `waitedsec` (the missed call's duration);
 * - outbound answered: leg a rings the user's phone (`to`, `answeredsec` the whole
 *   duration), leg b the customer (`to`, `answeredsec` the billed seconds, the recording);
 * - outbound missed: leg a only, `to` the customer.
 * PIOPIY (India) calls are not pushed: their listings' `_id` has no published relation to
 * a webhook's `cmiuuid`.
 */
export function telecmiWebhookPayloads(
  call: SimulatedTelecmiCall,
  accounts: TelecmiAccounts,
): TelecmiWebhookPayloads {
  if (call.account === 'piopiy-app') {
    throw new Error(
      `call ${call.id} is a PIOPIY call: its listed _id has no known relation to a webhook cmiuuid, so the simulator pushes only TeleCMI (CHUB) calls`,
    );
  }
  const { record } = call;
  const inbound = call.direction === 'inbound';
  const answered = call.status === 'answered';
  const customer = inbound ? record.from : record.to;
  const virtualNumber = String(inbound ? (record.to ?? accounts.rest.did) : record.from);
  const user =
    call.account === 'rest-user'
      ? accounts.rest.userId
      : typeof record.agent === 'string' && record.agent !== ''
        ? record.agent
        : undefined;
  const duration = Number(record.duration ?? 0);
  const billed = Number(record.billedsec ?? 0);
  const common = {
    appid: accounts.rest.appId,
    type: 'cdr',
    direction: call.direction,
    conversation_uuid: call.id,
    time: call.time,
    custom: '{"crm":"true"}',
  };
  const event = (cdr: Record<string, unknown>, status: string) => ({
    type: 'event',
    direction: call.direction,
    conversation_uuid: call.id,
    cmiuuid: cdr.cmiuuid,
    ...(cdr.leg ? { leg: cdr.leg } : {}),
    ...(user ? { user } : {}),
    app_id: accounts.rest.appId,
    time: call.time,
    status,
  });
  const recording =
    typeof record.filename === 'string' ? { record: true, filename: record.filename } : {};

  if (inbound) {
    const cdr: Record<string, unknown> = {
      virtual_number: virtualNumber,
      ...common,
      cmiuuid: call.id,
      status: call.status,
      from: customer,
      team: `Sales_${accounts.rest.appId}`,
      hangup_reason: 'recv_bye',
      ...(answered
        ? {
            ...(user ? { user, to: Number(simulatedUserPhone(user)) } : {}),
            answeredsec: billed,
            ...recording,
          }
        : { waitedsec: duration }),
    };
    return {
      cdrs: [cdr],
      events: [[event(cdr, 'waiting'), ...(answered ? [event(cdr, 'answered')] : [])]],
    };
  }

  const legA: Record<string, unknown> = {
    virtual_number: virtualNumber,
    ...common,
    leg: 'a',
    cmiuuid: call.id,
    status: call.status,
    ...(user ? { user } : {}),
  };
  if (!answered) {
    Object.assign(legA, { to: customer, hangup_reason: 'recv_cancel' });
    return { cdrs: [legA], events: [[event(legA, 'started')]] };
  }
  Object.assign(legA, {
    to: Number(simulatedUserPhone(user ?? accounts.rest.userId)),
    answeredsec: duration,
    hangup_reason: 'recv_bye',
  });
  const legB: Record<string, unknown> = {
    virtual_number: virtualNumber,
    ...common,
    leg: 'b',
    cmiuuid: legBId(call.id),
    status: 'answered',
    ...(user ? { user } : {}),
    to: customer,
    answeredsec: billed,
    hangup_reason: 'sent_bye',
    ...recording,
  };
  return {
    cdrs: [legA, legB],
    events: [[event(legA, 'started'), event(legA, 'answered')], [event(legB, 'answered')]],
  };
}
