import { UsageError } from '../cli/usage-error.ts';
import type { CallFilter } from '../store/call-filter.ts';

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
export function filterFromOptions(options: Record<string, unknown>, now: Date): CallFilter {
  const from = options.from as Date | undefined;
  const to = options.to as Date | undefined;
  checkWindow(from, to, now);
  const names = (options.provider as string[] | undefined) ?? [];
  return {
    ...(names.length > 0 ? { sources: names } : {}),
    direction: options.direction as CallFilter['direction'],
    status: options.status as CallFilter['status'],
    number: options.number as string | undefined,
    agent: options.agent as string | undefined,
    from,
    to,
  };
}
