import type { Call, CallDirection, CallStatus } from '@cdr/core';
import { type PhoneNormalizer, parseMoneyAmount } from '@cdr/core/provider-utils';
import type { TwilioCall } from './twilio-schemas.js';

/** Twilio's `direction` → Call direction. Anything else is `unknown` (the raw value is kept). */
export const twilioDirections: Readonly<Record<string, CallDirection>> = {
  inbound: 'inbound',
  'trunking-originating': 'inbound',
  'outbound-api': 'outbound',
  'outbound-dial': 'outbound',
  'trunking-terminating': 'outbound',
};

/** Twilio's `status` → Call status. Calls not over yet (`queued`, `ringing`, `in-progress`) are `unknown`. */
export const twilioStatuses: Readonly<Record<string, CallStatus>> = {
  completed: 'answered',
  busy: 'busy',
  'no-answer': 'missed',
  canceled: 'missed',
  failed: 'failed',
  queued: 'unknown',
  ringing: 'unknown',
  'in-progress': 'unknown',
};

// `Fri, 18 Oct 2019 17:02:00 +0000`: RFC 2822, as Twilio writes every time (UTC).
const rfc2822 =
  /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|UTC)$/;

/** An RFC 2822 date-time → a Date; `undefined` for an empty, null or unreadable value. */
export function parseRfc2822(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (!rfc2822.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/**
 * A validated Twilio call record → a Call. `startedAt` is `start_time`, or `date_created`
 * for a call never dialled (empty `start_time`); a record with neither cannot be placed in
 * time and is refused (the kit's check names it). `raw` is the record as received.
 */
export function mapTwilioCall(record: TwilioCall, normalize: PhoneNormalizer, raw: unknown): Call {
  const startedAt =
    parseRfc2822(record.start_time) ?? parseRfc2822(record.date_created) ?? new Date(Number.NaN);
  const endedAt = parseRfc2822(record.end_time);
  const direction = twilioDirections[record.direction ?? ''] ?? 'unknown';
  const status = twilioStatuses[record.status ?? ''] ?? 'unknown';
  const seconds = present(record.duration) ? Number(record.duration) : undefined;
  const price = present(record.price) ? parseMoneyAmount(record.price) : undefined;
  const currency = present(record.price_unit) ? record.price_unit.trim().toUpperCase() : undefined;

  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: string | null | undefined) => {
    if (present(value)) providerFields[name] = value;
  };
  keep('direction', record.direction);
  keep('status', record.status);
  keep('parentCallSid', record.parent_call_sid);
  keep('accountSid', record.account_sid);
  keep('price', record.price);
  keep('priceUnit', record.price_unit);
  keep('answeredBy', record.answered_by);
  keep('forwardedFrom', record.forwarded_from);
  keep('phoneNumberSid', record.phone_number_sid);
  keep('groupSid', record.group_sid);
  keep('trunkSid', record.trunk_sid);
  keep('queueTimeMs', record.queue_time);
  keep('recordingsUri', record.subresource_uris?.recordings);

  const callerName = present(record.caller_name) ? record.caller_name : undefined;
  return {
    id: record.sid,
    provider: 'twilio',
    direction,
    status,
    ...(present(record.from) ? { from: normalize(record.from, callerName) } : {}),
    ...(present(record.to) ? { to: normalize(record.to) } : {}),
    startedAt,
    ...(endedAt ? { endedAt } : {}),
    durations: seconds !== undefined && Number.isFinite(seconds) ? { totalSeconds: seconds } : {},
    // Twilio writes a charge as a negative price (`-0.200`): the Call's cost is what was paid.
    ...(price !== undefined
      ? {
          cost: {
            amount: price === 0 ? 0 : -price,
            ...(currency?.length === 3 ? { currency } : {}),
          },
        }
      : {}),
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw,
  };
}
