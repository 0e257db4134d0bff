import type { TwilioSimulator } from '@cdr/twilio/testing';
import { shellQuote } from '../../cli/shell-quote.ts';

/**
 * A ready `curl` command that pushes the status callback Twilio would send for one of the
 * simulated account's answered calls to `url`, signed with the simulator's Auth Token over
 * `signedUrl` (the URL Twilio would call: the public one behind a proxy), to try the route
 * and its signature check by hand.
 */
export function twilioTestPush(
  simulator: TwilioSimulator,
  signedUrl: string,
  url = signedUrl,
): string | undefined {
  const call = simulator.calls().find((candidate) => candidate.record.status === 'completed');
  if (!call) return undefined;
  const push = simulator.statusCallback(call.id, signedUrl);
  const signature = `X-Twilio-Signature: ${push.headers['x-twilio-signature']}`;
  return `curl -H ${shellQuote(signature)} --data-raw ${shellQuote(push.body)} ${url}`;
}
