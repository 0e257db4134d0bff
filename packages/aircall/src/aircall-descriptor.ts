import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { aircallProviderOf, parseAircallSettings } from './aircall-provider.js';
import { aircallPush } from './aircall-push.js';

/** An Aircall company: its credentials, and the token its webhook's pushes carry (if any). */
export type AircallAccount = AccountOf<typeof aircallDescriptor>;

/** What the sync tool needs to know about Aircall: its variables, account, pushes and simulator. */
export const aircallDescriptor = defineProviderDescriptor({
  provider: 'aircall',
  displayName: 'Aircall',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    apiId: { name: 'AIRCALL_API_ID', description: 'the API ID of an Aircall API key (Dashboard → Integrations & API → API Keys)', setting: 'apiId' },
    apiToken: { name: 'AIRCALL_API_TOKEN', description: "that key's API token (shown once)", secret: true, setting: 'apiToken' },
    accessToken: { name: 'AIRCALL_ACCESS_TOKEN', description: 'or an OAuth access token (partner apps) instead of the API key', secret: true, setting: 'accessToken' },
    webhookToken: { name: 'AIRCALL_WEBHOOK_TOKEN', description: "optional: the token of the company's webhook, to receive its pushes", optional: true, secret: true, setting: 'webhookToken' },
    baseUrl: { name: 'AIRCALL_BASE_URL', description: 'optional: another host (default https://api.aircall.io)', optional: true, baseUrl: true, setting: 'baseUrl' },
  },
  secretSettings: ['apiToken', 'accessToken', 'webhookToken'],
  parseSettings: parseAircallSettings,
  create: aircallProviderOf,
  fromEnvironment({ settings, values, invalid, pair }) {
    const key = pair('apiId', 'apiToken', 'an Aircall API key');
    if (!key && !values.accessToken)
      throw invalid(
        'AIRCALL_API_ID and AIRCALL_API_TOKEN are missing (or set AIRCALL_ACCESS_TOKEN)',
      );
    // An API key, when both are set.
    const { accessToken, ...rest } = settings;
    return [{ name: 'aircall', settings: key ? rest : { ...rest, accessToken } }];
  },
  describe: (settings) => ({
    webhookToken: settings.webhookToken,
    defaultRegion: settings.defaultRegion,
    costCurrency: settings.costCurrency,
  }),
  push: aircallPush,
  simulator: {
    defaults: { calls: 2000, days: 6 },
    async start(options) {
      const { AircallSimulator } = await import('./testing/aircall-simulator.js');
      return AircallSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'aircall',
        settings: {
          apiId: simulator.apiId,
          apiToken: simulator.apiToken,
          webhookToken: simulator.webhookToken,
          baseUrl: simulator.url,
          // The simulated budget is none: a demo of thousands of calls need not wait.
          rateLimit: false,
        },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
