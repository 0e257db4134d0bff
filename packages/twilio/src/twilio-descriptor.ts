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
import { createTwilio, parseTwilioSettings, type TwilioSettings } from './twilio-provider.js';

const variables = {
  accountSid: 'TWILIO_ACCOUNT_SID',
  authToken: 'TWILIO_AUTH_TOKEN',
  apiKey: 'TWILIO_API_KEY',
  apiSecret: 'TWILIO_API_SECRET',
  subaccountSid: 'TWILIO_SUBACCOUNT_SID',
  region: 'TWILIO_REGION',
  edge: 'TWILIO_EDGE',
  baseUrl: 'TWILIO_BASE_URL',
} as const;

const environment: EnvironmentVariable[] = [
  {
    name: variables.accountSid,
    description: 'the Twilio Account SID (AC…, Console → Account Info)',
    secret: false,
  },
  {
    name: variables.authToken,
    description: "the account's Auth Token (or use TWILIO_API_KEY and TWILIO_API_SECRET)",
    secret: true,
  },
  {
    name: variables.apiKey,
    description:
      'a Twilio API key SID (SK…), with TWILIO_API_SECRET: used instead of the Auth Token',
    secret: false,
  },
  { name: variables.apiSecret, description: "the API key's secret", secret: true },
  {
    name: variables.subaccountSid,
    description:
      "optional: a subaccount SID (AC…) whose calls to list with the parent's credentials",
    secret: false,
  },
  {
    name: variables.region,
    description:
      'optional: the Twilio region holding the data (us1, ie1, au1): host api.{edge}.{region}.twilio.com',
    secret: false,
  },
  {
    name: variables.edge,
    description: 'optional: the Twilio edge location (e.g. dublin, sydney); with no region, us1',
    secret: false,
  },
  {
    name: variables.baseUrl,
    description: 'optional: another host altogether (default https://api.twilio.com)',
    secret: false,
  },
];

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError({ provider: 'twilio', message });
}

/** A Twilio account the sync tool can use, with what checking its webhooks takes. */
export interface TwilioAccount extends ConfiguredAccount {
  readonly accountSid: string;
  /**
   * The Auth Token Twilio signs the account's webhooks with (`X-Twilio-Signature`): the
   * credential, or `TWILIO_AUTH_TOKEN` given beside an API key (which still authenticates
   * the requests). Absent for an API key alone: its secret signs nothing.
   */
  readonly authToken: string | undefined;
}

function account(
  name: string,
  settings: TwilioSettings,
  signingToken = settings.authToken,
): TwilioAccount {
  return {
    name,
    provider: 'twilio',
    accountSid: settings.accountSid,
    authToken: signingToken,
    secrets: [...new Set([settings.apiSecret, settings.authToken, signingToken])].filter(
      (secret): secret is string => Boolean(secret),
    ),
    create: (overrides: AccountOverrides = {}) =>
      createTwilio({ ...withAccountOverrides(settings, overrides), name }),
  };
}

/** What the sync tool needs to know about Twilio: its variables, account and simulator. */
export const twilioDescriptor: Omit<ProviderDescriptor, 'fromEnvironment' | 'fromSettings'> & {
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): TwilioAccount[];
  fromSettings(name: string, settings: unknown): TwilioAccount;
} = {
  provider: 'twilio',
  displayName: 'Twilio',
  environment,
  secretSettings: ['authToken', 'apiSecret'],

  fromEnvironment(env) {
    const accountSid = readVariable(env, variables.accountSid);
    const authToken = readVariable(env, variables.authToken);
    const apiKey = readVariable(env, variables.apiKey);
    const apiSecret = readVariable(env, variables.apiSecret);
    if (!accountSid && !authToken && !apiKey && !apiSecret) return [];
    if (!accountSid)
      throw invalid(`${variables.accountSid} is missing: every Twilio request names the account`);
    if ((apiKey === undefined) !== (apiSecret === undefined))
      throw invalid(
        `${apiKey === undefined ? variables.apiKey : variables.apiSecret} is missing: an API key needs both its SID and its secret`,
      );
    if (!apiKey && !authToken)
      throw invalid(
        `${variables.authToken} is missing (or set ${variables.apiKey} and ${variables.apiSecret})`,
      );
    const baseUrl = readVariable(env, variables.baseUrl);
    if (baseUrl !== undefined) {
      const problem = baseUrlProblem(baseUrl);
      if (problem) throw invalid(`${variables.baseUrl}: ${problem}`);
    }
    const optional = {
      subaccountSid: readVariable(env, variables.subaccountSid),
      region: readVariable(env, variables.region)?.toLowerCase(),
      edge: readVariable(env, variables.edge)?.toLowerCase(),
      baseUrl,
    };
    // An API key, when both are set: the narrower credential.
    const credentials = apiKey ? { apiKey, apiSecret } : { authToken };
    const settings = Object.fromEntries(
      Object.entries({ accountSid, ...credentials, ...optional }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    // The Auth Token beside an API key is kept only to check webhooks (`cdr receive`).
    return [account('twilio', parseTwilioSettings(settings, 'Twilio environment'), authToken)];
  },

  fromSettings(name, settings) {
    return account(name, parseTwilioSettings(settings, 'Twilio settings'));
  },

  async simulate(options = {}) {
    const { TwilioSimulator } = await import('./testing/twilio-simulator.js');
    const now = options.now?.() ?? new Date();
    const simulator = await TwilioSimulator.start({
      seed: options.seed ?? 2026,
      calls: options.calls ?? 2000,
      days: options.days ?? 6,
      now: now.getTime(),
      latencyMs: options.latencyMs ?? 0,
    });
    const accounts = [
      account(
        'twilio',
        parseTwilioSettings({
          accountSid: simulator.accountSid,
          authToken: simulator.authToken,
          baseUrl: simulator.url,
        }),
      ),
    ];
    return {
      accounts,
      expectedCallIds: (name, window) => {
        if (name !== 'twilio') throw new Error(`no simulated Twilio account ${name}`);
        return simulator.calls(window).map((call) => call.id);
      },
      simulator,
      stop: () => simulator.stop(),
    };
  },
};
