import type { Call } from '../call.js';

/**
 * A `PushHandler.merge` for providers whose listing tells more than their pushes (a price, a
 * total duration, an agent): a call the listing already gave with a final status is kept as
 * listed, and a push only stores calls the listing has not given yet (or not over yet).
 * `isListed` tells a listed record from a pushed one by its `raw`.
 */
export function keepListedCall(
  isListed: (raw: unknown) => boolean,
): (stored: Call | undefined, pushed: Call) => Call {
  return (stored, pushed) =>
    stored !== undefined && stored.status !== 'unknown' && isListed(stored.raw) ? stored : pushed;
}
