import type { Call, CallDirection, CallNote, CallStatus } from '@cdr/core';
import {
  fromEpochMilliseconds,
  type PhoneNormalizer,
  parseMoneyAmount,
  parseWholeSeconds,
} from '@cdr/core/provider-utils';
import type { AircallCall } from './aircall-schemas.js';

/** How a record is read where the docs are not certain: see the README. */
export interface AircallMappingOptions {
  /**
   * The currency of the deprecated `cost` field, which is a decimal string of its cents
   * (inferred: U.S. cents); `false` keeps `cost` only as text in `providerFields`.
   * Default `'USD'`.
   */
  costCurrency?: string | false | undefined;
}

/** Aircall's `direction` → Call direction; anything else is `unknown` (the raw value is kept). */
export const aircallDirections: Readonly<Record<string, CallDirection>> = {
  inbound: 'inbound',
  outbound: 'outbound',
};

/**
 * Aircall's `status` with `answered_at` → Call status. A missed call is still `done`: only
 * `answered_at` tells (the fact sheet's checklist). `initial` (ringing) and `answered` are
 * calls not over yet: `unknown`. Aircall reports no busy or failed calls as such.
 */
export function aircallStatus(status: string | null | undefined, answered: boolean): CallStatus {
  if (status !== 'done') return 'unknown';
  return answered ? 'answered' : 'missed';
}

const invalid = () => new Date(Number.NaN);

/** UNIX seconds (a number or digit string) → a Date; absent for null; invalid when unreadable. */
export function fromUnixSeconds(value: number | string | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const seconds = parseWholeSeconds(value);
  if (seconds === undefined) return invalid();
  return fromEpochMilliseconds(seconds * 1000) ?? invalid();
}

/** Cents → units, rounded to 12 significant digits so that `2.34` cents is `0.0234`. */
const centsToUnits = (cents: number) => Number((cents / 100).toPrecision(12));

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';
const text = (value: number | string | null | undefined) =>
  value === null || value === undefined || value === '' ? undefined : String(value);
const secondsBetween = (from: Date | undefined, to: Date | undefined) =>
  from && to && !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime())
    ? (to.getTime() - from.getTime()) / 1000
    : undefined;

/**
 * A validated Aircall call → a Call. The external party is `raw_digits` (or `anonymous`),
 * the company's line is `number.digits`: the caller of an inbound call, the callee of an
 * outbound one. `raw` is the record as received.
 */
export function mapAircallCall(
  record: AircallCall,
  normalize: PhoneNormalizer,
  raw: unknown = record,
  options: AircallMappingOptions = {},
): Call {
  const startedAt = fromUnixSeconds(record.started_at) ?? invalid();
  const answeredAt = fromUnixSeconds(record.answered_at);
  const endedAt = fromUnixSeconds(record.ended_at);
  const direction = aircallDirections[record.direction ?? ''] ?? 'unknown';
  const status = aircallStatus(record.status, answeredAt !== undefined);

  const totalSeconds =
    record.duration === null || record.duration === undefined
      ? undefined
      : (parseWholeSeconds(record.duration) ?? Number.NaN);
  // A call still ringing has `duration: 0` and no end: no total yet.
  const durations = {
    ...(totalSeconds !== undefined && endedAt !== undefined ? { totalSeconds } : {}),
    ...(answeredAt ? { ringSeconds: secondsBetween(startedAt, answeredAt) } : {}),
    ...(answeredAt && endedAt ? { talkSeconds: secondsBetween(answeredAt, endedAt) } : {}),
  };
  for (const key of ['ringSeconds', 'talkSeconds'] as const)
    if (durations[key] === undefined) delete durations[key];

  const currency = options.costCurrency ?? 'USD';
  const cents = text(record.cost);
  const cost =
    cents !== undefined && currency !== false
      ? { amount: centsToUnits(parseMoneyAmount(cents) ?? Number.NaN), currency }
      : undefined;

  const line = present(record.number?.digits)
    ? normalize(record.number.digits, present(record.number.name) ? record.number.name : undefined)
    : undefined;
  const external = present(record.raw_digits) ? normalize(record.raw_digits) : undefined;
  const [from, to] = direction === 'outbound' ? [line, external] : [external, line];

  const agentId = text(record.user?.id);
  const agent =
    agentId !== undefined || present(record.user?.name)
      ? {
          ...(agentId !== undefined ? { id: agentId } : {}),
          ...(present(record.user?.name) ? { name: record.user.name } : {}),
        }
      : undefined;

  const recordingUrl = present(record.recording)
    ? record.recording
    : present(record.voicemail)
      ? record.voicemail
      : undefined;

  const notes: CallNote[] = (record.comments ?? []).flatMap((comment) => {
    if (!present(comment.content)) return [];
    const createdAt = fromUnixSeconds(comment.posted_at);
    const author = text(comment.posted_by?.id);
    return [
      {
        text: comment.content,
        ...(createdAt ? { createdAt } : {}),
        ...(author !== undefined ? { author } : {}),
      },
    ];
  });

  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: number | string | boolean | null | undefined) => {
    const kept = typeof value === 'boolean' ? String(value) : text(value);
    if (kept !== undefined) providerFields[name] = kept;
  };
  const names = (list: readonly { name?: string | null | undefined }[] | null | undefined) =>
    (list ?? []).flatMap((item) => (present(item.name) ? [item.name] : [])).join(', ');
  keep('direction', record.direction);
  keep('status', record.status);
  keep('sid', record.sid ?? record.call_uuid);
  keep('missedCallReason', record.missed_call_reason);
  keep('answeredAt', record.answered_at);
  keep('voicemail', record.voicemail);
  keep('asset', record.asset);
  keep('cost', record.cost);
  keep('pricingType', record.pricing_type);
  keep('hangupCause', record.hangup_cause);
  keep('numberId', record.number?.id);
  keep('assignedTo', record.assigned_to?.id);
  keep('transferredBy', record.transferred_by?.id);
  keep('transferredTo', record.transferred_to?.id);
  keep('archived', record.archived);
  keep('tags', names(record.tags));
  keep('teams', names(record.teams));

  return {
    id: record.id,
    provider: 'aircall',
    direction,
    status,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    startedAt,
    ...(endedAt ? { endedAt } : {}),
    durations,
    ...(cost ? { cost } : {}),
    ...(recordingUrl ? { recording: { url: recordingUrl } } : {}),
    ...(agent ? { agent } : {}),
    notes,
    ...(present(record.country_code_a2) ? { country: record.country_code_a2 } : {}),
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw,
  };
}
