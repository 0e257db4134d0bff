import { retentionDays } from './report-type.js';

const dayMs = 86_400_000;
// Clocks disagree a little; a call started more than this far ahead of ours is not believed.
const futureToleranceMs = dayMs;

/**
 * Why a call's start cannot be an Ozonetel call of now, or `undefined` when it can: no
 * later than a day ahead of the clock (a push dated 2099), no older than the 15 days
 * Ozonetel keeps (and a day's margin). The same rule for a lookup's `startedAt` hint and a
 * pushed call.
 */
export function implausibleStart(startedAt: Date, now: Date): string | undefined {
  const at = startedAt.getTime();
  if (at > now.getTime() + futureToleranceMs) return 'starts more than a day in the future';
  if (at < now.getTime() - (retentionDays + 1) * dayMs)
    return `starts more than ${retentionDays} days ago, before anything Ozonetel keeps`;
  return undefined;
}
