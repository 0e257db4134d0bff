import type { Call } from '@cdr/core';
import type { PhoneNormalizer } from '@cdr/core/provider-utils';
import type { TwilioStatusCallback } from './twilio-status-callback.js';

/** `CallStatus` values of a call not over yet: a callback with one carries no final record. */
export const twilioInProgressStatuses: ReadonlySet<string> = new Set([
  'queued',
  'initiated',
  'ringing',
  'in-progress',
]);

/**
 * A checked status callback of a call that is over → the Call the listing gives for it, as
 * far as a callback tells. A callback has no start time: Twilio's `Timestamp` is when the
 * event happened, the end of the call for a final status. So `endedAt` is the `Timestamp`
 * and `startedAt` the `Timestamp` less `CallDuration` when the call was answered
 * (`completed` carries its duration); for a call never answered (busy, no-answer…) the
 * listing has no end either, and `startedAt` is the `Timestamp` (a few seconds of ringing
 * late at most). Without a `Timestamp`, `receivedAt` stands in. No price, caller name or
 * SIDs of numbers: a later sync's record replaces this one with all of them.
 */
export function mapTwilioStatusCallback(
  callback: TwilioStatusCallback,
  normalize: PhoneNormalizer,
  options: { receivedAt: Date },
): Call {
  const at = callback.timestamp ?? options.receivedAt;
  const seconds = callback.durationSeconds;
  const answered = seconds !== undefined && callback.callStatus === 'completed';
  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: string | undefined) => {
    if (value) providerFields[name] = value;
  };
  keep('direction', callback.rawDirection);
  keep('status', callback.callStatus);
  keep('parentCallSid', callback.parentCallSid);
  keep('accountSid', callback.accountSid);
  return {
    id: callback.callSid,
    provider: 'twilio',
    direction: callback.direction,
    status: callback.status,
    ...(callback.from ? { from: normalize(callback.from) } : {}),
    ...(callback.to ? { to: normalize(callback.to) } : {}),
    startedAt: answered ? new Date(at.getTime() - seconds * 1000) : at,
    ...(answered ? { endedAt: at } : {}),
    durations: answered ? { totalSeconds: seconds } : {},
    notes: [],
    ...(Object.keys(providerFields).length > 0 ? { providerFields } : {}),
    raw: callback.params,
  };
}
