import { randomBytes } from 'node:crypto';
import type { OzonetelAccount } from '@cdr/ozonetel';
import type { OzonetelSimulator } from '@cdr/ozonetel/testing';
import type { TelecmiAccount } from '@cdr/telecmi';
import type { Session } from '../accounts/session.ts';
import { UsageError } from '../cli/usage-error.ts';
import type { PushRoute } from '../receive/push-server.ts';
import { ozonetelPushRoute } from './ozonetel/ozonetel-push-route.ts';
import { ozonetelTestPush } from './ozonetel/ozonetel-test-push.ts';
import { telecmiPushRoute } from './telecmi/telecmi-push-route.ts';

/** The variable that holds the secret path segment of TeleCMI's webhook URL. */
export const telecmiWebhookTokenVariable = 'TELECMI_WEBHOOK_TOKEN';

export interface PushRouteSettings {
  now: () => Date;
  env: Readonly<Record<string, string | undefined>>;
  /** A path before every route's (a reverse proxy that keeps its prefix). */
  prefix?: string | undefined;
}

export interface PushRoutes {
  routes: PushRoute[];
  /** The TeleCMI webhook token in use: the configured one, or one made up for the simulators. */
  telecmiToken: string | undefined;
}

/**
 * The push endpoints of a session's accounts: one per Ozonetel account (its callbacks,
 * checked against its key), and TeleCMI's CDR webhooks for the first TeleCMI (CHUB) account
 * when TELECMI_WEBHOOK_TOKEN is set (with the simulators, a token made up for the run).
 */
export function pushRoutesOf(session: Session, settings: PushRouteSettings): PushRoutes {
  const prefix = (settings.prefix ?? '').replace(/\/$/, '');
  const routes: PushRoute[] = [];
  for (const account of session.accounts) {
    if (account.provider === 'ozonetel')
      routes.push(ozonetelPushRoute(account.configured as OzonetelAccount, settings.now));
  }
  const chub = session.accounts.find((account) => {
    const kind = (account.configured as Partial<TelecmiAccount>).credentialKind;
    return account.provider === 'telecmi' && (kind === 'rest-user' || kind === 'rest-app');
  });
  let telecmiToken =
    session.mode === 'simulated'
      ? randomBytes(18).toString('base64url')
      : settings.env[telecmiWebhookTokenVariable]?.trim();
  if (telecmiToken !== undefined && telecmiToken.length < 16)
    throw new UsageError(
      `${telecmiWebhookTokenVariable} must be 16 characters or more (it is the only check on TeleCMI's pushes)`,
    );
  if (!chub) telecmiToken = undefined;
  if (chub && telecmiToken) routes.push(telecmiPushRoute(chub.name, telecmiToken, settings.now));
  return {
    routes: routes.map((route) => ({ ...route, path: `${prefix}${route.path}` })),
    telecmiToken,
  };
}

/**
 * For simulated accounts: what a person needs to push a test call by hand. The simulators'
 * secrets are made up at start, not secrets, and without them nobody could push; a real
 * account's key or token is never printed.
 */
export function simulatedPushHints(
  session: Session,
  pushes: PushRoutes,
  serverUrl: string,
): string[] {
  const hints: string[] = [];
  for (const route of pushes.routes) {
    const account = session.accounts.find((candidate) => candidate.name === route.account);
    const simulation = account && session.simulations.get(account.provider);
    if (!account || !simulation) continue;
    if (account.provider === 'ozonetel') {
      const simulator = simulation.simulator as OzonetelSimulator;
      hints.push(
        `Simulated account ${account.name}: pushes must carry the simulator's API key ${(account.configured as OzonetelAccount).apiKey} (generated for this run, not a secret).`,
      );
      const command = ozonetelTestPush(simulator, serverUrl + route.path);
      if (command) hints.push(`Push a test call:\n  ${command}`);
    }
    if (account.provider === 'telecmi' && pushes.telecmiToken)
      hints.push(
        `TeleCMI webhooks for ${account.name}: ${serverUrl}${route.path}/${pushes.telecmiToken} (token generated for this run).`,
      );
  }
  return hints;
}
