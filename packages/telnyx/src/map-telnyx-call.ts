import { type Call, type CallDirection, type CallStatus, parseZonedDateTime } from '@cdr/core';
import {
  type PhoneNormalizer,
  parseCurrencyCode,
  parseMoneyAmount,
  parseWholeSeconds,
} from '@cdr/core/provider-utils';
import type { TelnyxRecord } from './telnyx-schemas.js';

const isoUtcPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00:00)$/;

/**
 * Telnyx's instants (`2024-12-11T17:42:30Z`; webhooks `2018-02-02T22:25:27.521992Z`) → a
 * Date; `undefined` for an absent or empty value, an invalid Date for a text sent but
 * unreadable (another offset, `31 Feb`), for the kit's check to name. Fractions beyond
 * milliseconds are cut, not rounded.
 */
export function parseTelnyxInstant(value: string | null | undefined): Date | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const match = isoUtcPattern.exec(value.trim());
  const fraction = match?.[2] !== undefined ? `.${match[2].slice(0, 3)}` : '';
  return (match && parseZonedDateTime(`${match[1]}${fraction}`, 'UTC')) ?? new Date(Number.NaN);
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

const seconds = (value: number | string | null | undefined): number | undefined =>
  value === undefined || value === null || value === ''
    ? undefined
    : (parseWholeSeconds(value) ?? Number.NaN);

const money = (value: number | string | null | undefined): number | undefined =>
  value === undefined || value === null || value === ''
    ? undefined
    : (parseMoneyAmount(value) ?? Number.NaN);

/** `direction` as Telnyx writes it (from the customer's side); anything else is `unknown`. */
export const telnyxDirections: Readonly<Record<string, CallDirection>> = {
  inbound: 'inbound',
  outbound: 'outbound',
};

/**
 * A call record's status. Telnyx documents none for call records: a leg with talk time
 * (`call_sec > 0`) was answered; `connected: false` (inferred, third-party) or no talk time
 * is missed; `attempted: false` (inferred) is failed; a record with neither is `unknown`.
 */
export function telnyxStatus(record: TelnyxRecord, talkSeconds: number | undefined): CallStatus {
  if (record.attempted === false) return 'failed';
  if (talkSeconds !== undefined && talkSeconds > 0) return 'answered';
  if (record.connected === true) return 'answered';
  if (record.connected === false || talkSeconds === 0) return 'missed';
  return 'unknown';
}

/**
 * A validated Telnyx voice detail record (one call leg) → a Call. The legs of one call
 * share `telnyx_session_id` (kept as `providerFields.sessionId`). `raw` is the record as
 * received.
 */
export function mapTelnyxCall(
  record: TelnyxRecord,
  normalize: PhoneNormalizer,
  raw: unknown = record,
): Call {
  // A start sent but unreadable stays invalid (the kit quarantines the record).
  const startedAt = parseTelnyxInstant(record.started_at) ?? new Date(Number.NaN);
  const endedAt = parseTelnyxInstant(record.finished_at);
  const answeredAt = parseTelnyxInstant(record.answered_at);
  const talkSeconds = seconds(record.call_sec);
  const billedSeconds = seconds(record.billed_sec);
  const totalSeconds =
    endedAt !== undefined && !Number.isNaN(endedAt.getTime()) && !Number.isNaN(startedAt.getTime())
      ? Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)
      : undefined;
  // Ringing: from the leg's start to its answer, when the record says when it was answered.
  const ringSeconds =
    answeredAt !== undefined && !Number.isNaN(startedAt.getTime())
      ? Number.isNaN(answeredAt.getTime())
        ? Number.NaN
        : Math.round((answeredAt.getTime() - startedAt.getTime()) / 1000)
      : undefined;
  const amount = money(record.cost);
  const currency = present(record.currency)
    ? (parseCurrencyCode(record.currency) ?? record.currency)
    : undefined;

  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: string | number | null | undefined) => {
    if (typeof value === 'number') providerFields[name] = String(value);
    else if (present(value)) providerFields[name] = value;
  };
  keep('recordType', record.record_type);
  keep('direction', record.direction);
  keep('sessionId', record.telnyx_session_id);
  keep('legId', record.telnyx_leg_id);
  keep('callControlId', record.telnyx_call_control_id);
  keep('connectionId', record.connection_id);
  keep('connectionName', record.connection_name);
  keep('sipCallId', record.sip_call_id);
  keep('rate', record.rate);
  keep('cost', record.cost);
  keep('tags', record.tags);
  keep('billingGroupId', record.billing_group_id);
  keep('billingGroupName', record.billing_group_name);
  keep('paymentMethod', record.payment_method);
  keep('webrtcCallId', record.call_id);
  keep('webrtcSessionId', record.session_id);

  const callerName = present(record.caller_name) ? record.caller_name : undefined;
  return {
    id: record.id,
    provider: 'telnyx',
    direction: telnyxDirections[record.direction ?? ''] ?? 'unknown',
    status: telnyxStatus(record, talkSeconds),
    ...(present(record.cli) ? { from: normalize(record.cli, callerName) } : {}),
    ...(present(record.cld) ? { to: normalize(record.cld) } : {}),
    startedAt,
    ...(endedAt ? { endedAt } : {}),
    durations: {
      ...(totalSeconds !== undefined ? { totalSeconds } : {}),
      ...(talkSeconds !== undefined ? { talkSeconds } : {}),
      ...(ringSeconds !== undefined ? { ringSeconds } : {}),
      ...(billedSeconds !== undefined ? { billedSeconds } : {}),
    },
    ...(amount !== undefined
      ? { cost: { amount, ...(currency !== undefined ? { currency } : {}) } }
      : {}),
    ...(present(record.auth_username) ? { agent: { id: record.auth_username } } : {}),
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw,
  };
}
