import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { parsePlivoSettings, plivoProviderOf } from './plivo-provider.js';
import { plivoPush } from './plivo-push.js';

/** An Plivo account the sync tool can use. */
export type PlivoAccount = AccountOf<typeof plivoDescriptor>;

/** What the sync tool needs to know about Plivo: its variables, accounts, pushes and simulator. */
export const plivoDescriptor = defineProviderDescriptor({
  provider: 'plivo',
  displayName: 'Plivo',
  // TODO(plivo): every variable an account needs, as the docs name the credentials.
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    apiKey: { name: 'PLIVO_API_KEY', description: 'the Plivo API key', secret: true, required: 'every Plivo request carries it', setting: 'apiKey' },
    baseUrl: { name: 'PLIVO_BASE_URL', description: 'another Plivo host (a proxy)', optional: true, baseUrl: true, setting: 'baseUrl' },
  },
  secretSettings: ['apiKey'],
  parseSettings: parsePlivoSettings,
  create: plivoProviderOf,
  fromEnvironment: ({ settings }) => [{ name: 'plivo', settings }],
  push: plivoPush,
  simulator: {
    defaults: { calls: 200, days: 3 },
    async start(options) {
      const { PlivoSimulator } = await import('./testing/plivo-simulator.js');
      return PlivoSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'plivo',
        settings: { apiKey: simulator.apiKey, baseUrl: simulator.url },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
