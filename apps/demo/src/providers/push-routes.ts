import { randomBytes } from 'node:crypto';
import type {
  ConfiguredAccount,
  ProviderDescriptor,
  PushRoutes as ProviderPushRoutes,
  TestPush,
} from '@cdr/core/provider-utils';
import { providerDescriptors } from '../accounts/provider-registry.ts';
import type { Session } from '../accounts/session.ts';
import { PushRejected, type PushRoute } from '../receive/push-server.ts';
import { shellQuote } from '../support/shell-quote.ts';
import { UsageError } from '../support/usage-error.ts';

/** The variable `--public-url` defaults to. */
export const publicUrlVariable = 'CDR_PUBLIC_URL';

/** The variables that hold the providers' webhook tokens (for those that sign nothing). */
export function webhookTokenVariables(
  descriptors: readonly ProviderDescriptor[] = providerDescriptors,
): string[] {
  return descriptors.flatMap((descriptor) => descriptor.push?.tokenVariable?.name ?? []);
}

/** Which providers' accounts take pushes, and on what: for a receiver with nothing to mount. */
export function whoReceives(
  descriptors: readonly ProviderDescriptor[] = providerDescriptors,
): string {
  const pushing = descriptors.filter((descriptor) => descriptor.push);
  const free = pushing.filter((descriptor) => !descriptor.push?.tokenVariable);
  const guarded = pushing.filter((descriptor) => descriptor.push?.tokenVariable);
  const names = (list: readonly ProviderDescriptor[]) =>
    list.map((descriptor) => descriptor.displayName).join(' and ');
  return [
    ...(free.length > 0 ? [`${names(free)} accounts do`] : []),
    ...(guarded.length > 0
      ? [`${names(guarded)} accounts with ${webhookTokenVariables(guarded).join(' or ')}`]
      : []),
  ].join(', and ');
}

export interface PushRouteSettings {
  now: () => Date;
  env: Readonly<Record<string, string | undefined>>;
  /** A path before every route's (a reverse proxy that keeps its prefix). */
  prefix?: string | undefined;
  /** The receiver's public URL (`--public-url`), which signing providers sign. */
  publicUrl?: string | undefined;
}

/** A mounted route with what built it, for the hints printed beside it. */
export interface MountedRoute {
  route: PushRoute;
  account: ConfiguredAccount;
  descriptor: ProviderDescriptor;
  push: ProviderPushRoutes;
  /** The path token in use: the configured one, or one made up for the simulators. */
  token: string | undefined;
}

export interface PushRoutes {
  routes: PushRoute[];
  mounted: MountedRoute[];
}

/**
 * A path token: the variable's value in configured mode, one made up for the run with the
 * simulators. 16 characters at least: it is the only check on the provider's pushes.
 */
function webhookToken(
  session: Session,
  settings: PushRouteSettings,
  descriptor: ProviderDescriptor,
) {
  const variable = descriptor.push?.tokenVariable?.name;
  if (variable === undefined) return undefined;
  const token =
    session.mode === 'simulated'
      ? randomBytes(18).toString('base64url')
      : settings.env[variable]?.trim() || undefined;
  if (token !== undefined && token.length < 16)
    throw new UsageError(
      `${variable} must be 16 characters or more (it is the only check on ${descriptor.displayName}'s pushes)`,
    );
  return token;
}

/**
 * The push endpoints of a session's accounts, from each provider's descriptor: a route per
 * account (or one for the provider), checked and parsed by the provider's own push handler.
 * A provider that signs nothing is received only with its token variable set (with the
 * simulators, a token made up for the run); one that signs the URL it calls needs the
 * receiver's public URL when configured.
 */
export function pushRoutesOf(
  session: Session,
  settings: PushRouteSettings,
  descriptors: readonly ProviderDescriptor[] = providerDescriptors,
): PushRoutes {
  const prefix = (settings.prefix ?? '').replace(/\/$/, '');
  const mounted: MountedRoute[] = [];
  for (const descriptor of descriptors) {
    const push = descriptor.push;
    if (!push) continue;
    const accounts = session.accounts
      .filter((account) => account.provider === descriptor.provider)
      .map((account) => account.configured)
      .filter((account) => push.accepts?.(account) ?? true);
    if (accounts.length === 0) continue;
    if (push.signsUrl && session.mode === 'configured' && !settings.publicUrl)
      throw new UsageError(
        `${descriptor.displayName} signs the URL it calls: give the receiver's public URL with --public-url (or ${publicUrlVariable}), e.g. https://cdr.example.com, to receive ${accounts.map((account) => account.name).join(', ')}`,
      );
    const token = webhookToken(session, settings, descriptor);
    // Unsigned pushes with no token to check them: not received.
    if (push.tokenVariable && token === undefined) continue;
    const receiving = push.route === 'provider' ? accounts.slice(0, 1) : accounts;
    for (const account of receiving) {
      const route = pushRouteFor(descriptor, account, { ...settings, prefix, token });
      mounted.push({ route, account, descriptor, push, token });
    }
  }
  // Each account's route in the session's order, then the routes a provider has one of.
  const order = (entry: MountedRoute) =>
    (entry.push.route === 'provider' ? session.accounts.length : 0) +
    session.accounts.findIndex((account) => account.name === entry.account.name);
  mounted.sort((left, right) => order(left) - order(right));
  return { routes: mounted.map((entry) => entry.route), mounted };
}

/**
 * One account's push route, from its provider's descriptor: at `/<provider>` for a provider
 * with one webhook URL, else at the account's name as a path (`/acme/x` for `acme:x`).
 */
export function pushRouteFor(
  descriptor: ProviderDescriptor,
  account: ConfiguredAccount,
  settings: Pick<PushRouteSettings, 'now' | 'publicUrl' | 'prefix'> & {
    token?: string | undefined;
  },
): PushRoute {
  const push = descriptor.push;
  if (!push) throw new Error(`${descriptor.displayName} sends no pushes`);
  const { now, publicUrl, token } = settings;
  const where = push.route === 'provider' ? descriptor.provider : account.name.replaceAll(':', '/');
  const path = `${settings.prefix ?? ''}/${where}`;
  // An account that cannot be received (a credential that signs nothing): what to set.
  const problem = push.problem?.(account);
  if (problem) throw new UsageError(problem);
  const handler = push.handler(account, { now, token, publicUrl });
  return {
    path,
    account: account.name,
    description: `${descriptor.displayName} ${push.what} for ${account.name} (${push.check})`,
    tokenInPath: push.tokenVariable !== undefined,
    methods: push.methods,
    handle(received) {
      const refusal = handler.verify(received);
      if (refusal) throw new PushRejected(refusal.status, refusal.reason);
      return handler.parse(received);
    },
    merge: handler.merge ? (stored, pushed) => handler.merge!(stored, pushed) : undefined,
  };
}

/** A test push as a `curl` command line. */
function curl(push: TestPush, url: string): string {
  const headers = Object.entries(push.headers ?? {}).map(
    ([name, value]) => `-H ${shellQuote(`${name}: ${value}`)} `,
  );
  const data = push.form
    ? Object.entries(push.form)
        .map(([name, value]) => `--data-urlencode ${shellQuote(`${name}=${value}`)}`)
        .join(' ')
    : `--data-raw ${shellQuote(push.body ?? '')}`;
  return `curl ${headers.join('')}${data} ${url}`;
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
  for (const { route, account, descriptor, push, token } of pushes.mounted) {
    const simulation = session.simulations.get(descriptor.provider);
    if (!simulation) continue;
    // Signed over the URL the receiver checks (the public one, when given), sent to its address.
    const tokenPath = token === undefined ? '' : `/${token}`;
    const url = `${serverUrl}${route.path}${tokenPath}`;
    const signedUrl = `${publicUrl?.replace(/\/$/, '') ?? serverUrl}${route.path}${tokenPath}`;
    if (push.simulatedNote) hints.push(push.simulatedNote(account));
    if (token !== undefined)
      hints.push(
        `${descriptor.displayName} ${push.what} for ${account.name}: ${url} (token generated for this run).`,
      );
    const testPush = push.testPush?.(simulation.simulator, signedUrl);
    if (testPush)
      hints.push(`Push a test ${descriptor.displayName} call:\n  ${curl(testPush, url)}`);
  }
  return hints;
}

/** For configured accounts: what to register where, once per line. */
export function pushSetupHints(
  pushes: PushRoutes,
  serverUrl: string,
  publicUrl?: string | undefined,
): string[] {
  const hints = pushes.mounted.map(({ route, account, push }) =>
    push.setup(account, `${publicUrl?.replace(/\/$/, '') ?? serverUrl}${route.path}`),
  );
  return [...new Set(hints)];
}
