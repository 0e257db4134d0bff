import { UsageError } from '../cli/usage-error.ts';
import type { CallFilter } from '../store/call-filter.ts';

/**
 * The filter the flags ask for. `--provider` takes providers (`telecmi`) and accounts
 * (`telecmi:rest-app`) alike; a reversed window is a usage error, not "0 calls".
 */
export function filterFromOptions(options: Record<string, unknown>): CallFilter {
  const from = options.from as Date | undefined;
  const to = options.to as Date | undefined;
  if (from && to && from.getTime() > to.getTime())
    throw new UsageError(`--from (${from.toISOString()}) is after --to (${to.toISOString()})`);
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
