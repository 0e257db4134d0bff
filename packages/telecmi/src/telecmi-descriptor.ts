import { InvalidRequestError } from '@cdr/core';
import {
  type AccountOverrides,
  baseUrlProblem,
  type ConfiguredAccount,
  type EnvironmentVariable,
  type ProviderDescriptor,
  readVariable,
  withAccountOverrides,
} from '@cdr/core/provider-utils';
import type { TelecmiCredentials } from './telecmi-credentials.js';
import { secretOf } from './telecmi-credentials.js';
import { createTelecmi, parseTelecmiSettings, type TelecmiSettings } from './telecmi-provider.js';

const variables = {
  userToken: 'TELECMI_USER_TOKEN',
  restAppId: 'TELECMI_REST_APP_ID',
  restAppSecret: 'TELECMI_REST_APP_SECRET',
  appId: 'TELECMI_APP_ID',
  appSecret: 'TELECMI_APP_SECRET',
  agentToken: 'TELECMI_AGENT_TOKEN',
  restUrl: 'TELECMI_REST_URL',
  piopiyUrl: 'TELECMI_PIOPIY_URL',
  currency: 'TELECMI_CURRENCY',
} as const;

const environment: EnvironmentVariable[] = [
  {
    name: variables.userToken,
    description: "a TeleCMI (CHUB) user login token (POST /v2/user/login): the user's calls",
    secret: true,
  },
  {
    name: variables.restAppId,
    description: 'a TeleCMI (CHUB) app id: every call of the app (with TELECMI_REST_APP_SECRET)',
    secret: false,
  },
  { name: variables.restAppSecret, description: 'the TeleCMI (CHUB) app secret', secret: true },
  {
    name: variables.appId,
    description: 'a PIOPIY app id: every call of the app (with TELECMI_APP_SECRET)',
    secret: false,
  },
  { name: variables.appSecret, description: 'the PIOPIY app secret', secret: true },
  {
    name: variables.agentToken,
    description: "a PIOPIY agent login token: the agent's answered and outgoing missed calls",
    secret: true,
  },
  {
    name: variables.restUrl,
    description: 'another REST v2 host (default https://rest.telecmi.com)',
    secret: false,
  },
  {
    name: variables.piopiyUrl,
    description: 'another PIOPIY host (default https://piopiy.telecmi.com)',
    secret: false,
  },
  {
    name: variables.currency,
    description: "the ISO 4217 currency of TeleCMI's rates (TeleCMI does not say), e.g. INR",
    secret: false,
  },
];

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError({ provider: 'telecmi', message });
}

/** A TeleCMI account the sync tool can use, with the product its credential belongs to. */
export interface TelecmiAccount extends ConfiguredAccount {
  /** `rest-user` and `rest-app` are TeleCMI (CHUB) accounts, whose CDR webhooks a tool can receive. */
  readonly credentialKind: TelecmiSettings['credentials']['kind'];
}

function account(name: string, settings: TelecmiSettings): TelecmiAccount {
  return {
    name,
    provider: 'telecmi',
    credentialKind: settings.credentials.kind,
    secrets: [secretOf(settings.credentials)],
    create: (overrides: AccountOverrides = {}) =>
      createTelecmi({ ...withAccountOverrides(settings, overrides), name }),
  };
}

/** Checks settings with the provider's schema, so a bad account fails when it is configured. */
function checked(settings: unknown): TelecmiSettings {
  return parseTelecmiSettings(settings, 'TeleCMI settings');
}

/** What the sync tool needs to know about TeleCMI: its variables, accounts and simulator. */
export const telecmiDescriptor: ProviderDescriptor = {
  provider: 'telecmi',
  displayName: 'TeleCMI',
  environment,
  secretSettings: ['credentials.token', 'credentials.appSecret'],

  fromEnvironment(env) {
    const credentials: TelecmiCredentials[] = [];
    const userToken = readVariable(env, variables.userToken);
    if (userToken) credentials.push({ kind: 'rest-user', token: userToken });
    const app = (
      kind: 'rest-app' | 'piopiy-app',
      idName: string,
      secretName: string,
      product: string,
    ) => {
      const appId = readVariable(env, idName);
      const appSecret = readVariable(env, secretName);
      if (appId === undefined && appSecret === undefined) return;
      if (appId === undefined || appSecret === undefined)
        throw invalid(
          `${appId === undefined ? idName : secretName} is missing: a ${product} app needs both its id and secret`,
        );
      if (!/^\d+$/.test(appId)) throw invalid(`${idName} must be a number`);
      credentials.push({ kind, appId: Number(appId), appSecret });
    };
    app('rest-app', variables.restAppId, variables.restAppSecret, 'TeleCMI (CHUB)');
    app('piopiy-app', variables.appId, variables.appSecret, 'PIOPIY');
    const agentToken = readVariable(env, variables.agentToken);
    if (agentToken) credentials.push({ kind: 'piopiy-agent', token: agentToken });
    if (credentials.length === 0) return [];

    const baseUrls: TelecmiSettings['baseUrls'] = {};
    for (const [host, name] of [
      ['rest', variables.restUrl],
      ['piopiy', variables.piopiyUrl],
    ] as const) {
      const url = readVariable(env, name);
      if (url === undefined) continue;
      const problem = baseUrlProblem(url);
      if (problem) throw invalid(`${name}: ${problem}`);
      baseUrls[host] = url;
    }
    const currency = readVariable(env, variables.currency);
    return credentials.map((entry) => {
      const name = `telecmi:${entry.kind}`;
      try {
        return account(
          name,
          checked({
            credentials: entry,
            ...(Object.keys(baseUrls).length > 0 ? { baseUrls } : {}),
            ...(currency ? { currency } : {}),
          }),
        );
      } catch (error) {
        // The settings named in the environment's words: which variable to fix.
        if (error instanceof InvalidRequestError && /baseUrls\.(rest|piopiy)/.test(error.message)) {
          const host = /baseUrls\.rest/.test(error.message)
            ? variables.restUrl
            : variables.piopiyUrl;
          throw invalid(
            `${host} is needed for ${name}: once one TeleCMI host is overridden, the one this account calls must be too (or its credentials would go to production)`,
          );
        }
        throw error;
      }
    });
  },

  fromSettings(name, settings) {
    return account(name, checked(settings));
  },

  async simulate(options = {}) {
    const { TelecmiSimulator } = await import('./testing/telecmi-simulator.js');
    const now = options.now?.() ?? new Date();
    const simulator = await TelecmiSimulator.start({
      seed: options.seed ?? 2026,
      calls: options.calls ?? 4000,
      days: options.days ?? 6,
      now: now.getTime(),
      latencyMs: options.latencyMs ?? 0,
    });
    const kinds = ['rest-user', 'rest-app', 'piopiy-app', 'piopiy-agent'] as const;
    const accounts = kinds.map((kind) =>
      account(
        `telecmi:${kind}`,
        checked({
          credentials: simulator.credentials[kind],
          baseUrls: simulator.baseUrls,
          currency: 'INR',
        }),
      ),
    );
    return {
      accounts,
      expectedCallIds: (name, window) => {
        const kind = kinds.find((candidate) => `telecmi:${candidate}` === name);
        if (!kind) throw new Error(`no simulated TeleCMI account ${name}`);
        return simulator.calls(kind, window).map((call) => call.id);
      },
      simulator,
      stop: () => simulator.stop(),
    };
  },
};
