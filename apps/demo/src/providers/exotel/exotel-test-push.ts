import type { ExotelSimulator } from '@cdr/exotel/testing';
import { shellQuote } from '../../cli/shell-quote.ts';

/**
 * A ready `curl` command that pushes the StatusCallback Exotel would send for one of the
 * simulated account's answered calls, as a form (Exotel's default), to `url` (the route's
 * path with the webhook token).
 */
export function exotelTestPush(simulator: ExotelSimulator, url: string): string | undefined {
  const call = simulator.calls().find((candidate) => candidate.status === 'answered');
  if (!call) return undefined;
  return `curl --data-raw ${shellQuote(simulator.statusCallback(call.id).body)} ${url}`;
}
