import type { Call, CallStatus } from '@cdr/core';
import type { PhoneNormalizer } from '@cdr/core/provider-utils';
import { parseTelnyxInstant, telnyxDirections } from './map-telnyx-call.js';
import type { TelnyxWebhook } from './telnyx-schemas.js';

/**
 * `hangup_cause` → status (inferred: Telnyx defines the causes, not what they mean for a
 * call record). A cause not listed is `unknown`.
 */
export const telnyxHangupStatuses: Readonly<Record<string, CallStatus>> = {
  normal_clearing: 'answered',
  time_limit: 'answered',
  user_busy: 'busy',
  no_answer: 'missed',
  timeout: 'missed',
  originator_cancel: 'missed',
  call_rejected: 'missed',
  not_found: 'failed',
  unspecified: 'unknown',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * A verified `call.hangup` webhook → the Call of its leg: the id is `call_leg_id` (a detail
 * record's `id` is its `telnyx_leg_id`, inferred), the start `start_time`, the end the event's
 * `occurred_at` (the event has no end field). It carries no direction (unless sent), no
 * duration and no cost: the next listing settles those (see `merge` in telnyx-push.ts).
 */
export function mapTelnyxHangup(event: TelnyxWebhook, normalize: PhoneNormalizer): Call {
  const payload = event.data.payload ?? {};
  const id = text(payload.call_leg_id) ?? event.data.id;
  const from = text(payload.from);
  const to = text(payload.to);
  const cause = text(payload.hangup_cause);
  const providerFields: Record<string, string> = {};
  for (const [name, field] of [
    ['sessionId', 'call_session_id'],
    ['legId', 'call_leg_id'],
    ['callControlId', 'call_control_id'],
    ['connectionId', 'connection_id'],
    ['hangupCause', 'hangup_cause'],
    ['hangupSource', 'hangup_source'],
    ['sipHangupCause', 'sip_hangup_cause'],
    ['direction', 'direction'],
  ] as const) {
    const value = text(payload[field]);
    if (value !== undefined) providerFields[name] = value;
  }
  const endedAt = parseTelnyxInstant(event.data.occurred_at);
  return {
    id,
    provider: 'telnyx',
    direction: telnyxDirections[text(payload.direction) ?? ''] ?? 'unknown',
    status: telnyxHangupStatuses[cause ?? ''] ?? 'unknown',
    ...(from !== undefined ? { from: normalize(from) } : {}),
    ...(to !== undefined ? { to: normalize(to) } : {}),
    startedAt: parseTelnyxInstant(text(payload.start_time)) ?? new Date(Number.NaN),
    ...(endedAt ? { endedAt } : {}),
    durations: {},
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw: event,
  };
}
