import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { acmeProviderOf, parseAcmeSettings } from './acme-provider.js';
import { acmePush } from './acme-push.js';

/** An Acme account the sync tool can use. */
export type AcmeAccount = AccountOf<typeof acmeDescriptor>;

/** What the sync tool needs to know about Acme: its variables, accounts, pushes and simulator. */
export const acmeDescriptor = defineProviderDescriptor({
  provider: 'acme',
  displayName: 'Acme',
  // TODO(acme): every variable an account needs, as the docs name the credentials.
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    apiKey: { name: 'ACME_API_KEY', description: 'the Acme API key', secret: true, required: 'every Acme request carries it', setting: 'apiKey' },
    baseUrl: { name: 'ACME_BASE_URL', description: 'another Acme host (a proxy)', optional: true, baseUrl: true, setting: 'baseUrl' },
  },
  secretSettings: ['apiKey'],
  parseSettings: parseAcmeSettings,
  create: acmeProviderOf,
  fromEnvironment: ({ settings }) => [{ name: 'acme', settings }],
  push: acmePush,
  simulator: {
    defaults: { calls: 200, days: 3 },
    async start(options) {
      const { AcmeSimulator } = await import('./testing/acme-simulator.js');
      return AcmeSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'acme',
        settings: { apiKey: simulator.apiKey, baseUrl: simulator.url },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
