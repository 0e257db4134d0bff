import type { FilterOptions } from '../cli/shared-flags.ts';
import type { CallFilter } from '../store/call-filter.ts';
import { UsageError } from '../support/usage-error.ts';

/**
 * Refuses a window no call can be in: reversed, or starting in the future (`--from
 * 2099-01-01`), which would otherwise answer "0 calls" as if that were a finding.
 */
export function checkWindow(from: Date | undefined, to: Date | undefined, now: Date): void {
  if (from && to && from.getTime() > to.getTime())
    throw new UsageError(`--from (${from.toISOString()}) is after --to (${to.toISOString()})`);
  if (from && from.getTime() > now.getTime())
    throw new UsageError(
      `--from (${from.toISOString()}) is in the future (now ${now.toISOString()}): no call has started yet`,
    );
}

/**
 * The filter the flags ask for. `--provider` takes providers (`telecmi`) and accounts
 * (`telecmi:rest-app`) alike; a window no call can be in is a usage error, not "0 calls".
 */
export function filterFromOptions(
  options: FilterOptions & { updatedSince?: Date | undefined },
  now: Date,
): CallFilter {
  const { from, to } = options;
  checkWindow(from, to, now);
  const names = options.provider ?? [];
  return {
    ...(names.length > 0 ? { sources: names } : {}),
    direction: options.direction,
    status: options.status,
    number: options.number,
    agent: options.agent,
    from,
    to,
    syncedSince: options.updatedSince,
  };
}
