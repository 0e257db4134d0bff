import { InvalidRequestError } from '@cdr/core';
import {
  type AccountOverrides,
  baseUrlProblem,
  type ConfiguredAccount,
  type ProviderDescriptor,
  readVariable,
  withAccountOverrides,
} from '@cdr/core/provider-utils';
import {
  createOzonetel,
  type OzonetelProvider,
  type OzonetelSettings,
  parseOzonetelSettings,
} from './ozonetel-provider.js';
import { defaultOzonetelTokenPath } from './ozonetel-reports.js';

const variables = {
  userName: 'OZONETEL_USER_NAME',
  apiKey: 'OZONETEL_API_KEY',
  baseUrl: 'OZONETEL_BASE_URL',
  tokenPath: 'OZONETEL_TOKEN_PATH',
  reportsRateLimit: 'OZONETEL_REPORTS_RATE_LIMIT',
} as const;

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `2/1m`, `1/30s`, `2/250ms`: requests per interval. `undefined` when unreadable. */
export function parseReportsRateLimit(
  text: string,
): { limit: number; intervalMs: number } | undefined {
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text.trim());
  if (!match) return undefined;
  const limit = Number(match[1]);
  const intervalMs = Number(match[2]) * durationUnits[match[3]!]!;
  if (!Number.isSafeInteger(limit) || limit < 1 || !(intervalMs > 0)) return undefined;
  return { limit, intervalMs };
}

/** The simulated account's reports budget: the documented 2 a minute, with a compressed minute. */
const simulatedReportsBudget = { limit: 2, intervalMs: 250 };

/** An Ozonetel account the sync tool can use: its provider is an `OzonetelProvider`. */
export interface OzonetelAccount extends ConfiguredAccount {
  create(overrides?: AccountOverrides): OzonetelProvider;
  /** The key pushes to the account's callback URL carry, to verify them. */
  readonly apiKey: string;
}

function account(name: string, settings: OzonetelSettings): OzonetelAccount {
  return {
    name,
    provider: 'ozonetel',
    secrets: [settings.apiKey],
    apiKey: settings.apiKey,
    create: (overrides: AccountOverrides = {}) =>
      createOzonetel({ ...withAccountOverrides(settings, overrides), name }),
  };
}

/** What the sync tool needs to know about Ozonetel: its variables, account and simulator. */
export const ozonetelDescriptor: ProviderDescriptor & {
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): OzonetelAccount[];
  fromSettings(name: string, settings: unknown): OzonetelAccount;
} = {
  provider: 'ozonetel',
  displayName: 'Ozonetel',
  environment: [
    { name: variables.userName, description: 'the CloudAgent account name', secret: false },
    { name: variables.apiKey, description: 'the CloudAgent API key', secret: true },
    {
      name: variables.baseUrl,
      description:
        'another host (default https://in1-ccaas-api.ozonetel.com; https://api.ccaas.ozonetel.com outside India)',
      secret: false,
    },
    {
      name: variables.tokenPath,
      description: `the reports token endpoint's path (default ${defaultOzonetelTokenPath}; its casing is unconfirmed)`,
      secret: false,
    },
    {
      name: variables.reportsRateLimit,
      description:
        'the reports budget as requests/interval (default 2/1m, as documented; lower it to leave room for another client of the account)',
      secret: false,
    },
  ],
  secretSettings: ['apiKey'],

  fromEnvironment(env) {
    const userName = readVariable(env, variables.userName);
    const apiKey = readVariable(env, variables.apiKey);
    if (userName === undefined && apiKey === undefined) return [];
    if (userName === undefined || apiKey === undefined) {
      const missing = userName === undefined ? variables.userName : variables.apiKey;
      throw new InvalidRequestError({
        provider: 'ozonetel',
        message: `${missing} is missing: Ozonetel needs the user name and API key`,
      });
    }
    const baseUrl = readVariable(env, variables.baseUrl);
    if (baseUrl !== undefined) {
      const problem = baseUrlProblem(baseUrl);
      if (problem)
        throw new InvalidRequestError({
          provider: 'ozonetel',
          message: `${variables.baseUrl}: ${problem}`,
        });
    }
    const tokenPath = readVariable(env, variables.tokenPath);
    if (tokenPath !== undefined && !/^\/[\w./-]*$/.test(tokenPath))
      throw new InvalidRequestError({
        provider: 'ozonetel',
        message: `${variables.tokenPath}: expected a path such as ${defaultOzonetelTokenPath}`,
      });
    const budgetText = readVariable(env, variables.reportsRateLimit);
    const budget = budgetText === undefined ? undefined : parseReportsRateLimit(budgetText);
    if (budgetText !== undefined && budget === undefined)
      throw new InvalidRequestError({
        provider: 'ozonetel',
        message: `${variables.reportsRateLimit}: expected requests/interval such as 2/1m`,
      });
    const reports = {
      ...(tokenPath ? { tokenPath } : {}),
      ...(budget ? { rateLimit: budget } : {}),
    };
    return [
      account(
        'ozonetel',
        parseOzonetelSettings(
          {
            userName,
            apiKey,
            ...(baseUrl ? { baseUrl } : {}),
            ...(Object.keys(reports).length > 0 ? { reports } : {}),
          },
          'Ozonetel settings',
        ),
      ),
    ];
  },

  fromSettings(name, settings) {
    return account(name, parseOzonetelSettings(settings, 'Ozonetel settings'));
  },

  async simulate(options = {}) {
    const { OzonetelSimulator } = await import('./testing/ozonetel-simulator.js');
    const now = options.now ?? (() => new Date());
    const simulator = await OzonetelSimulator.start({
      seed: options.seed ?? 2026,
      calls: options.calls ?? 300,
      now: now(),
      latencyMs: options.latencyMs ?? 0,
      reportsRateLimit: simulatedReportsBudget,
    });
    return {
      accounts: [
        account(
          'ozonetel',
          parseOzonetelSettings({
            userName: simulator.userName,
            apiKey: simulator.apiKey,
            baseUrl: simulator.url,
            reports: { rateLimit: simulatedReportsBudget },
          }),
        ),
      ],
      // What the reports API lists: the calls of the window, by their `CallID`.
      expectedCallIds: (name, window) => {
        if (name !== 'ozonetel') throw new Error(`no simulated Ozonetel account ${name}`);
        return simulator.callsBetween(window.from, window.to).map((call) => call.ucid);
      },
      simulator,
      stop: () => simulator.stop(),
    };
  },
};
