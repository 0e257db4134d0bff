import type { Call, CallDirection, CallStatus } from '@cdr/core';
import { parseZonedDateTime } from '@cdr/core';
import {
  type PhoneNormalizer,
  parseMoneyAmount,
  parseWholeSeconds,
} from '@cdr/core/provider-utils';
import type { PlivoRecord } from './plivo-schemas.js';

/** What the mapping needs besides the record: the account's choices where Plivo is silent. */
export interface PlivoMappingOptions {
  /** IANA zone of a time written without an offset (inferred default `UTC`, see the README). */
  timeZone: string;
  /** ISO 4217 currency of `total_amount`: Plivo sends none (inferred default `USD`). */
  currency: string | undefined;
  /** `hangup_cause_code` → status, over the defaults (`plivoHangupCauseStatuses`). */
  hangupCauseStatuses?: Readonly<Record<string, CallStatus>> | undefined;
}

/** `call_direction` → Call direction (docs: `inbound` or `outbound`). */
const directions: Readonly<Record<string, CallDirection>> = {
  inbound: 'inbound',
  outbound: 'outbound',
};

/**
 * The status of a call never answered, by `hangup_cause_code` (docs, "Hangup causes"): the
 * codes the fact sheet confirms, read by their names. A call answered is `answered` whatever
 * its cause (8011 "Invalid Answer XML" happens after the answer). Override per account with
 * `hangupCauseStatuses`.
 */
export const plivoHangupCauseStatuses: Readonly<Record<string, CallStatus>> = {
  '1000': 'missed', // Canceled (via the Hangup API before answer)
  '1010': 'failed', // Canceled (Out Of Credits)
  '2000': 'failed', // Invalid Destination Address
  '2010': 'failed', // Destination Out Of Service
  '8011': 'failed', // Invalid Answer XML
};

/**
 * By `hangup_cause_name` when the code is not in the table (inferred: the names of the
 * codes the fact sheet does not list, read by their words).
 */
function statusByName(name: string): CallStatus | undefined {
  const words = name.toLowerCase();
  if (words.includes('busy')) return 'busy';
  if (/cancel|no answer|not answered|timeout|rejected|declined/.test(words)) return 'missed';
  if (/invalid|out of service|barred|unreachable|error|fail|credit/.test(words)) return 'failed';
  return undefined;
}

const offsetPattern = /^(.*\d)(?:\s*(Z)|\s*([+-])(\d{2}):?(\d{2}))$/;

/**
 * A Plivo time → a UTC instant. Plivo writes the console's local time with its offset
 * (`2022-06-28 19:39:05+05:30`): the offset is read. A time with no offset is in
 * `timeZone`. `undefined` for no value; an invalid Date for a value sent but unreadable,
 * for the kit's check to name.
 */
export function parsePlivoTime(
  value: string | null | undefined,
  timeZone: string,
): Date | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const match = offsetPattern.exec(text);
  if (!match) return parseZonedDateTime(text, timeZone) ?? new Date(Number.NaN);
  const [, local, zulu, sign, hours, minutes] = match;
  const wall = parseZonedDateTime(local!, 'UTC');
  if (!wall) return new Date(Number.NaN);
  if (zulu) return wall;
  if (Number(hours) > 23 || Number(minutes) > 59) return new Date(Number.NaN);
  const offsetMs = (Number(hours) * 60 + Number(minutes)) * 60_000 * (sign === '-' ? -1 : 1);
  return new Date(wall.getTime() - offsetMs);
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** A count sent: whole seconds, or NaN when unreadable (the kit's check names it). */
const secondsOf = (value: number | string | null | undefined) =>
  value === null || value === undefined || value === ''
    ? undefined
    : (parseWholeSeconds(value) ?? Number.NaN);

/** A Plivo endpoint (a SIP user of the account): `sip:<user>@phone.plivo.com`. */
const plivoEndpoint = /^sip:([^@]+)@phone\.plivo\.com$/i;

/**
 * A validated Plivo Call object → a Call. `startedAt` is `initiation_time`, `endedAt`
 * `end_time`; a B leg (`parent_call_uuid`) keeps its A leg in `providerFields`. `raw` is the
 * record as received.
 */
export function mapPlivoCall(
  record: PlivoRecord,
  normalize: PhoneNormalizer,
  options: PlivoMappingOptions,
  raw: unknown = record,
): Call {
  const answeredAt = parsePlivoTime(record.answer_time, options.timeZone);
  const endedAt = parsePlivoTime(record.end_time, options.timeZone);
  const totalSeconds = secondsOf(record.call_duration);
  // Plivo's own list example (2015) has no `initiation_time`: the start is then the end less
  // `call_duration`. A start sent but unreadable stays invalid (never replaced).
  const startedAt =
    parsePlivoTime(record.initiation_time, options.timeZone) ??
    (endedAt && totalSeconds !== undefined
      ? new Date(endedAt.getTime() - totalSeconds * 1000)
      : new Date(Number.NaN));
  const talkSeconds = secondsOf(record.bill_duration);
  const billedSeconds = secondsOf(record.billed_duration);
  const ringSeconds =
    answeredAt && !Number.isNaN(answeredAt.getTime()) && !Number.isNaN(startedAt.getTime())
      ? Math.max(0, Math.round((answeredAt.getTime() - startedAt.getTime()) / 1000))
      : undefined;
  const amount =
    record.total_amount === null || record.total_amount === undefined || record.total_amount === ''
      ? undefined
      : (parseMoneyAmount(record.total_amount) ?? Number.NaN);

  const code =
    record.hangup_cause_code === null || record.hangup_cause_code === undefined
      ? undefined
      : String(record.hangup_cause_code);
  const answered = answeredAt !== undefined || (talkSeconds !== undefined && talkSeconds > 0);
  const status: CallStatus = answered
    ? 'answered'
    : ((code !== undefined
        ? (options.hangupCauseStatuses?.[code] ?? plivoHangupCauseStatuses[code])
        : undefined) ??
      (present(record.hangup_cause_name) ? statusByName(record.hangup_cause_name) : undefined) ??
      // Not answered and no cause that says more: nobody picked up.
      'missed');

  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && String(value).trim() !== '')
      providerFields[name] = String(value);
  };
  keep('callDirection', record.call_direction);
  keep('parentCallUuid', record.parent_call_uuid);
  keep('answerTime', record.answer_time);
  keep('hangupCauseCode', record.hangup_cause_code);
  keep('hangupCauseName', record.hangup_cause_name);
  keep('hangupSource', record.hangup_source);
  keep('totalAmount', record.total_amount);
  keep('totalRate', record.total_rate);
  keep('callState', record.call_state);
  keep('conferenceUuid', record.conference_uuid);
  keep('stirVerification', record.stir_verification);
  keep('voiceNetworkGroup', record.voice_network_group);
  keep('sourceIp', record.source_ip);
  keep('resourceUri', record.resource_uri);

  const from = present(record.from_number) ? normalize(record.from_number) : undefined;
  const to = present(record.to_number) ? normalize(record.to_number) : undefined;
  // The account's own SIP endpoint on either side is its user (inferred: CDRs name no agent).
  const endpointParty = [to, from].find((party) => party && plivoEndpoint.test(party.raw));
  const durations = {
    ...(totalSeconds !== undefined ? { totalSeconds } : {}),
    ...(billedSeconds !== undefined ? { billedSeconds } : {}),
    ...(talkSeconds !== undefined ? { talkSeconds } : {}),
    ...(ringSeconds !== undefined ? { ringSeconds } : {}),
  };
  return {
    id: record.call_uuid,
    provider: 'plivo',
    direction: directions[record.call_direction ?? ''] ?? 'unknown',
    status,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    startedAt,
    ...(endedAt ? { endedAt } : {}),
    durations,
    ...(amount !== undefined
      ? {
          cost: {
            amount,
            ...(options.currency !== undefined ? { currency: options.currency } : {}),
          },
        }
      : {}),
    ...(endpointParty
      ? { agent: { id: plivoEndpoint.exec(endpointParty.raw)![1]!, phone: endpointParty } }
      : {}),
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw,
  };
}
