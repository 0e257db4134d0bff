import { randomBytes } from 'node:crypto';
import type { ExotelAccount } from '@cdr/exotel';
import type { ExotelSimulator } from '@cdr/exotel/testing';
import type { OzonetelAccount } from '@cdr/ozonetel';
import type { OzonetelSimulator } from '@cdr/ozonetel/testing';
import type { TelecmiAccount } from '@cdr/telecmi';
import type { TwilioAccount } from '@cdr/twilio';
import type { TwilioSimulator } from '@cdr/twilio/testing';
import type { Session } from '../accounts/session.ts';
import { UsageError } from '../cli/usage-error.ts';
import type { PushRoute } from '../receive/push-server.ts';
import { exotelPushRoute } from './exotel/exotel-push-route.ts';
import { exotelTestPush } from './exotel/exotel-test-push.ts';
import { ozonetelPushRoute } from './ozonetel/ozonetel-push-route.ts';
import { ozonetelTestPush } from './ozonetel/ozonetel-test-push.ts';
import { telecmiPushRoute } from './telecmi/telecmi-push-route.ts';
import { twilioPushRoute } from './twilio/twilio-push-route.ts';
import { twilioTestPush } from './twilio/twilio-test-push.ts';

/** The variable that holds the secret path segment of TeleCMI's webhook URL. */
export const telecmiWebhookTokenVariable = 'TELECMI_WEBHOOK_TOKEN';
/** The variable that holds the secret path segment of Exotel's StatusCallback URL. */
export const exotelWebhookTokenVariable = 'EXOTEL_WEBHOOK_TOKEN';
/** The variable `--public-url` defaults to. */
export const publicUrlVariable = 'CDR_PUBLIC_URL';

export interface PushRouteSettings {
  now: () => Date;
  env: Readonly<Record<string, string | undefined>>;
  /** A path before every route's (a reverse proxy that keeps its prefix). */
  prefix?: string | undefined;
  /** The receiver's public URL (`--public-url`), which Twilio signs. */
  publicUrl?: string | undefined;
}

export interface PushRoutes {
  routes: PushRoute[];
  /** The TeleCMI webhook token in use: the configured one, or one made up for the simulators. */
  telecmiToken: string | undefined;
  /** The Exotel webhook token in use, likewise. */
  exotelToken: string | undefined;
}

/**
 * A path token: the variable's value in configured mode, one made up for the run with the
 * simulators. 16 characters at least: it is the only check on the provider's pushes.
 */
function webhookToken(
  session: Session,
  settings: PushRouteSettings,
  variable: string,
  provider: string,
) {
  const token =
    session.mode === 'simulated'
      ? randomBytes(18).toString('base64url')
      : settings.env[variable]?.trim() || undefined;
  if (token !== undefined && token.length < 16)
    throw new UsageError(
      `${variable} must be 16 characters or more (it is the only check on ${provider}'s pushes)`,
    );
  return token;
}

/** The Auth Token that checks a Twilio account's callbacks; an API key alone has none. */
function twilioAuthToken(account: TwilioAccount): string {
  if (account.authToken) return account.authToken;
  throw new UsageError(
    `${account.name} authenticates with an API key, which signs nothing: receiving its status callbacks needs the account's Auth Token, which Twilio signs them with (set TWILIO_AUTH_TOKEN beside the key; in an accounts file, authToken instead of apiKey)`,
  );
}

/**
 * The push endpoints of a session's accounts: one per Ozonetel account (its callbacks,
 * checked against its key), one per Twilio account (status callbacks, checked against its
 * Auth Token's signature of the public URL), one per Exotel account when
 * EXOTEL_WEBHOOK_TOKEN is set, and TeleCMI's CDR webhooks for the first TeleCMI (CHUB)
 * account when TELECMI_WEBHOOK_TOKEN is set (with the simulators, tokens made up for the
 * run, and Twilio's signatures checked against the address called).
 */
export function pushRoutesOf(session: Session, settings: PushRouteSettings): PushRoutes {
  const prefix = (settings.prefix ?? '').replace(/\/$/, '');
  const routes: PushRoute[] = [];
  const twilio = session.accounts.filter((account) => account.provider === 'twilio');
  if (twilio.length > 0 && session.mode === 'configured' && !settings.publicUrl)
    throw new UsageError(
      `Twilio signs the URL it calls: give the receiver's public URL with --public-url (or ${publicUrlVariable}), e.g. https://cdr.example.com, to receive ${twilio.map((account) => account.name).join(', ')}`,
    );
  const exotelToken = session.accounts.some((account) => account.provider === 'exotel')
    ? webhookToken(session, settings, exotelWebhookTokenVariable, 'Exotel')
    : undefined;
  for (const account of session.accounts) {
    if (account.provider === 'ozonetel')
      routes.push(ozonetelPushRoute(account.configured as OzonetelAccount));
    if (account.provider === 'twilio') {
      const configured = account.configured as TwilioAccount;
      routes.push(
        twilioPushRoute(configured, {
          authToken: twilioAuthToken(configured),
          publicUrl: settings.publicUrl,
          now: settings.now,
        }),
      );
    }
    if (account.provider === 'exotel' && exotelToken)
      routes.push(exotelPushRoute(account.configured as ExotelAccount, exotelToken));
  }
  const chub = session.accounts.find((account) => {
    const kind = (account.configured as Partial<TelecmiAccount>).credentialKind;
    return account.provider === 'telecmi' && (kind === 'rest-user' || kind === 'rest-app');
  });
  const telecmiToken = chub
    ? webhookToken(session, settings, telecmiWebhookTokenVariable, 'TeleCMI')
    : undefined;
  if (chub && telecmiToken) routes.push(telecmiPushRoute(chub.name, telecmiToken));
  return {
    routes: routes.map((route) => ({ ...route, path: `${prefix}${route.path}` })),
    telecmiToken,
    exotelToken,
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
  publicUrl?: string | undefined,
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
    if (account.provider === 'twilio') {
      hints.push(
        `Simulated account ${account.name}: status callbacks must be signed with the simulator's Auth Token (generated for this run) over the URL called.`,
      );
      // Signed over the URL the receiver checks (the public one, when given), sent to its address.
      const command = twilioTestPush(
        simulation.simulator as TwilioSimulator,
        (publicUrl?.replace(/\/$/, '') ?? serverUrl) + route.path,
        serverUrl + route.path,
      );
      if (command) hints.push(`Push a signed test callback:\n  ${command}`);
    }
    if (account.provider === 'exotel' && pushes.exotelToken) {
      const url = `${serverUrl}${route.path}/${pushes.exotelToken}`;
      hints.push(
        `Exotel StatusCallbacks for ${account.name}: ${url} (token generated for this run).`,
      );
      const command = exotelTestPush(simulation.simulator as ExotelSimulator, url);
      if (command) hints.push(`Push a test StatusCallback:\n  ${command}`);
    }
    if (account.provider === 'telecmi' && pushes.telecmiToken)
      hints.push(
        `TeleCMI webhooks for ${account.name}: ${serverUrl}${route.path}/${pushes.telecmiToken} (token generated for this run).`,
      );
  }
  return hints;
}
