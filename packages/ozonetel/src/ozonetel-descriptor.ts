import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { ozonetelLookups } from './ozonetel-lookups.js';
import { createOzonetel, parseOzonetelSettings } from './ozonetel-provider.js';
import { ozonetelPush } from './ozonetel-push.js';
import { defaultOzonetelTokenPath } from './ozonetel-reports.js';
import { parseReportsRateLimit } from './parse-reports-rate-limit.js';

/** An Ozonetel account: its provider is an `OzonetelProvider`; `apiKey` verifies its pushes. */
export type OzonetelAccount = AccountOf<typeof ozonetelDescriptor>;
/** The simulated account's reports budget: the documented 2 a minute, with a compressed minute. */
const simulatedReportsBudget = { limit: 2, intervalMs: 250 };
const needs = 'Ozonetel needs the user name and API key';

/** What the sync tool needs to know about Ozonetel: its variables, account and simulator. */
export const ozonetelDescriptor = defineProviderDescriptor({
  provider: 'ozonetel',
  displayName: 'Ozonetel',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    userName: { name: 'OZONETEL_USER_NAME', description: 'the CloudAgent account name', required: needs },
    apiKey: { name: 'OZONETEL_API_KEY', description: 'the CloudAgent API key', secret: true, required: needs },
    baseUrl: { name: 'OZONETEL_BASE_URL', description: 'another host (default https://in1-ccaas-api.ozonetel.com; https://api.ccaas.ozonetel.com outside India)', optional: true, baseUrl: true },
    tokenPath: { name: 'OZONETEL_TOKEN_PATH', description: `the reports token endpoint's path (default ${defaultOzonetelTokenPath}; its casing is unconfirmed)`, optional: true, check: (value) => (/^\/[\w./-]*$/.test(value) ? undefined : `must be a path such as ${defaultOzonetelTokenPath}`) },
    reportsRateLimit: { name: 'OZONETEL_REPORTS_RATE_LIMIT', description: 'the reports budget as requests/interval (default 2/1m, as documented; lower it to leave room for another client of the account)', optional: true, check: (value) => (parseReportsRateLimit(value) ? undefined : 'must be requests/interval such as 2/1m') },
  },
  secretSettings: ['apiKey'],
  parseSettings: parseOzonetelSettings,
  // `createOzonetel` checks its settings again: it has no unchecked factory yet.
  create: createOzonetel,
  fromEnvironment({ values: { userName, apiKey, baseUrl, tokenPath, reportsRateLimit } }) {
    const rateLimit =
      reportsRateLimit === undefined ? undefined : parseReportsRateLimit(reportsRateLimit);
    const reports = tokenPath || rateLimit ? { tokenPath, rateLimit } : undefined;
    return [{ name: 'ozonetel', settings: { userName, apiKey, baseUrl, reports } }];
  },
  describe: (settings) => ({ apiKey: settings.apiKey }),
  push: ozonetelPush,
  lookup: ozonetelLookups,
  simulator: {
    // Its calls are spread over the 20 days before `now`: it takes no `days`.
    defaults: { calls: 300, days: 20 },
    async start({ seed, calls, now, latencyMs }) {
      const { OzonetelSimulator } = await import('./testing/ozonetel-simulator.js');
      const reportsRateLimit = simulatedReportsBudget;
      return OzonetelSimulator.start({
        seed,
        calls,
        now: now.getTime(),
        latencyMs,
        reportsRateLimit,
      });
    },
    accounts: (simulator) => [
      {
        name: 'ozonetel',
        settings: {
          userName: simulator.userName,
          apiKey: simulator.apiKey,
          baseUrl: simulator.url,
          reports: { rateLimit: simulatedReportsBudget },
        },
        // What the reports API lists: the calls of the window, by their `CallID`.
        expectedCallIds: (window) =>
          simulator.callsBetween(window.from, window.to).map((call) => call.ucid),
        pushCalls: (url, withhold) => simulator.pushCalls(url, withhold),
      },
    ],
  },
});
