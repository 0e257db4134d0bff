import type { Call, CallDirection, CallStatus } from '@cdr/core';
import {
  type PhoneNormalizer,
  parseCurrencyCode,
  parseMoneyAmount,
  parseRfc2822DateTime,
  parseWholeSeconds,
} from '@cdr/core/provider-utils';
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

/**
 * An RFC 2822 date-time (as Twilio writes every time) → a Date; `undefined` for an empty or
 * null value, an invalid Date for a text that is no date-time that exists (`31 Feb`,
 * `24:00:00`, `+9999`): sent but unreadable, for the kit's check to name.
 */
export function parseRfc2822(value: string | null | undefined): Date | undefined {
  if (!value || value.trim() === '') return undefined;
  return parseRfc2822DateTime(value) ?? new Date(Number.NaN);
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/**
 * A validated Twilio call record → a Call. `startedAt` is `start_time`, or `date_created`
 * for a call never dialled (empty `start_time`); a record with neither cannot be placed in
 * time and is refused (the kit's check names it). `raw` is the record as received.
 */
export function mapTwilioCall(record: TwilioCall, normalize: PhoneNormalizer, raw: unknown): Call {
  // A start sent but unreadable stays invalid: falling back to date_created would place the
  // call at another time without a word.
  const startedAt =
    parseRfc2822(record.start_time) ?? parseRfc2822(record.date_created) ?? new Date(Number.NaN);
  const endedAt = parseRfc2822(record.end_time);
  const direction = twilioDirections[record.direction ?? ''] ?? 'unknown';
  const status = twilioStatuses[record.status ?? ''] ?? 'unknown';
  const seconds = present(record.duration)
    ? (parseWholeSeconds(record.duration) ?? Number.NaN)
    : undefined;
  const price = present(record.price) ? (parseMoneyAmount(record.price) ?? Number.NaN) : undefined;
  const currency = present(record.price_unit)
    ? (parseCurrencyCode(record.price_unit) ?? record.price_unit)
    : undefined;

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
    durations: seconds !== undefined ? { totalSeconds: seconds } : {},
    // Twilio writes a charge as a negative price (`-0.200`): the Call's cost is what was paid.
    ...(price !== undefined
      ? {
          cost: {
            amount: price === 0 ? 0 : -price,
            ...(currency !== undefined ? { currency } : {}),
          },
        }
      : {}),
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw,
  };
}
