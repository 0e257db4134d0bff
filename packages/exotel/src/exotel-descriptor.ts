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
import {
  createExotel,
  defaultExotelTimeZone,
  type ExotelSettings,
  parseExotelSettings,
} from './exotel-provider.js';

const variables = {
  accountSid: 'EXOTEL_ACCOUNT_SID',
  apiKey: 'EXOTEL_API_KEY',
  apiToken: 'EXOTEL_API_TOKEN',
  region: 'EXOTEL_REGION',
  baseUrl: 'EXOTEL_BASE_URL',
  timeZone: 'EXOTEL_TIME_ZONE',
  currency: 'EXOTEL_CURRENCY',
} as const;

const environment: EnvironmentVariable[] = [
  {
    name: variables.accountSid,
    description:
      'the Exotel account SID (dashboard → API settings), with EXOTEL_API_KEY and EXOTEL_API_TOKEN',
    secret: false,
  },
  {
    name: variables.apiKey,
    description: 'the Exotel API key (the Basic-auth user name)',
    secret: true,
  },
  {
    name: variables.apiToken,
    description: 'the Exotel API token (the Basic-auth password)',
    secret: true,
  },
  {
    name: variables.region,
    description:
      "the account's cluster: singapore (api.exotel.com, default) or mumbai (api.in.exotel.com)",
    secret: false,
  },
  {
    name: variables.baseUrl,
    description: 'another Exotel host (a proxy), replacing the region’s',
    secret: false,
  },
  {
    name: variables.timeZone,
    description: "the zone of Exotel's date-times (undocumented), default Asia/Kolkata",
    secret: false,
  },
  {
    name: variables.currency,
    description: "the ISO 4217 billing currency of Exotel's prices (Exotel does not say), e.g. INR",
    secret: false,
  },
];

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError({ provider: 'exotel', message });
}

/** An Exotel account the sync tool can use, with what reading its StatusCallbacks takes. */
export interface ExotelAccount extends ConfiguredAccount {
  /** The zone of the account's date-times, for `parseExotelStatusCallback` as for the API. */
  readonly timeZone: string;
}

function account(name: string, settings: ExotelSettings): ExotelAccount {
  return {
    name,
    provider: 'exotel',
    timeZone: settings.timeZone ?? defaultExotelTimeZone,
    secrets: [settings.apiKey, settings.apiToken],
    create: (overrides: AccountOverrides = {}) =>
      createExotel({ ...withAccountOverrides(settings, overrides), name }),
  };
}

/** What the sync tool needs to know about Exotel: its variables, account and simulator. */
export const exotelDescriptor: Omit<ProviderDescriptor, 'fromEnvironment' | 'fromSettings'> & {
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): ExotelAccount[];
  fromSettings(name: string, settings: unknown): ExotelAccount;
} = {
  provider: 'exotel',
  displayName: 'Exotel',
  environment,
  secretSettings: ['apiKey', 'apiToken'],

  fromEnvironment(env) {
    const accountSid = readVariable(env, variables.accountSid);
    const apiKey = readVariable(env, variables.apiKey);
    const apiToken = readVariable(env, variables.apiToken);
    if (accountSid === undefined && apiKey === undefined && apiToken === undefined) return [];
    const missing = [
      [variables.accountSid, accountSid],
      [variables.apiKey, apiKey],
      [variables.apiToken, apiToken],
    ].find(([, value]) => value === undefined)?.[0];
    if (missing)
      throw invalid(`${missing} is missing: an Exotel account needs its SID, API key and token`);
    const region = readVariable(env, variables.region);
    if (region !== undefined && region !== 'singapore' && region !== 'mumbai')
      throw invalid(`${variables.region} must be singapore or mumbai`);
    const baseUrl = readVariable(env, variables.baseUrl);
    if (baseUrl !== undefined) {
      const problem = baseUrlProblem(baseUrl);
      if (problem) throw invalid(`${variables.baseUrl}: ${problem}`);
    }
    const timeZone = readVariable(env, variables.timeZone);
    const currency = readVariable(env, variables.currency);
    return [
      account(
        'exotel',
        parseExotelSettings(
          {
            accountSid,
            apiKey,
            apiToken,
            ...(region ? { region } : {}),
            ...(baseUrl ? { baseUrl } : {}),
            ...(timeZone ? { timeZone } : {}),
            ...(currency ? { currency } : {}),
          },
          'Exotel settings',
        ),
      ),
    ];
  },

  fromSettings(name, settings) {
    return account(name, parseExotelSettings(settings, 'Exotel settings'));
  },

  async simulate(options = {}) {
    const { ExotelSimulator } = await import('./testing/exotel-simulator.js');
    const now = options.now?.() ?? new Date();
    const simulator = await ExotelSimulator.start({
      seed: options.seed ?? 2026,
      calls: options.calls ?? 4000,
      days: options.days ?? 6,
      now: now.getTime(),
      latencyMs: options.latencyMs ?? 0,
    });
    const settings = parseExotelSettings(
      {
        accountSid: simulator.accountSid,
        apiKey: simulator.apiKey,
        apiToken: simulator.apiToken,
        baseUrl: simulator.url,
        currency: 'INR',
      },
      'Exotel settings',
    );
    return {
      accounts: [account('exotel', settings)],
      expectedCallIds: (name, window) => {
        if (name !== 'exotel') throw new Error(`no simulated Exotel account ${name}`);
        return simulator.calls(window).map((call) => call.id);
      },
      simulator,
      stop: () => simulator.stop(),
    };
  },
};
