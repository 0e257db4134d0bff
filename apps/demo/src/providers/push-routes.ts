import type { OzonetelAccount } from '@cdr/ozonetel';
import type { OzonetelSimulator } from '@cdr/ozonetel/testing';
import type { Session } from '../accounts/session.ts';
import type { PushRoute } from '../receive/push-server.ts';
import { ozonetelPushRoute } from './ozonetel/ozonetel-push-route.ts';
import { ozonetelTestPush } from './ozonetel/ozonetel-test-push.ts';

/**
 * The push endpoints of a session's accounts, one per account whose provider pushes, each
 * under `prefix` (for a receiver behind a reverse proxy that keeps the path).
 */
export function pushRoutesOf(session: Session, now: () => Date, prefix = ''): PushRoute[] {
  return session.accounts.flatMap((account) => {
    if (account.provider === 'ozonetel') {
      const route = ozonetelPushRoute(account.configured as OzonetelAccount, now);
      return [{ ...route, path: `${prefix.replace(/\/$/, '')}${route.path}` }];
    }
    return [];
  });
}

/**
 * For simulated accounts: what a person needs to push a test call by hand. The simulator's
 * key is made up at start, not a secret, and without it nobody could push; a real
 * account's key is never printed.
 */
export function simulatedPushHints(
  session: Session,
  routes: readonly PushRoute[],
  serverUrl: string,
): string[] {
  const hints: string[] = [];
  for (const route of routes) {
    const account = session.accounts.find((candidate) => candidate.name === route.account);
    const simulation = account && session.simulations.get(account.provider);
    if (!account || !simulation || account.provider !== 'ozonetel') continue;
    const simulator = simulation.simulator as OzonetelSimulator;
    hints.push(
      `Simulated account ${account.name}: pushes must carry the simulator's API key ${(account.configured as OzonetelAccount).apiKey} (generated for this run, not a secret).`,
    );
    const command = ozonetelTestPush(simulator, serverUrl + route.path);
    if (command) hints.push(`Push a test call:\n  ${command}`);
  }
  return hints;
}
