import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { parsePlivoSettings, plivoMappingOptions, plivoProviderOf } from './plivo-provider.js';
import { plivoPush } from './plivo-push.js';

/** A Plivo account the sync tool can use: its Auth ID and the Auth Token that signs its callbacks. */
export type PlivoAccount = AccountOf<typeof plivoDescriptor>;

/** What the sync tool needs to know about Plivo: its variables, accounts, pushes and simulator. */
export const plivoDescriptor = defineProviderDescriptor({
  provider: 'plivo',
  displayName: 'Plivo',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    authId: { name: 'PLIVO_AUTH_ID', description: 'the Plivo Auth ID (MA… or SA…, console → Overview)', required: 'every Plivo request names the account', setting: 'authId' },
    authToken: { name: 'PLIVO_AUTH_TOKEN', description: "the account's Auth Token (it also signs Plivo's callbacks)", secret: true, required: 'every Plivo request carries it', setting: 'authToken' },
    timeZone: { name: 'PLIVO_TIME_ZONE', description: 'optional: IANA zone of times Plivo sends without an offset (default UTC)', optional: true, setting: 'timeZone' },
    currency: { name: 'PLIVO_CURRENCY', description: 'optional: ISO 4217 currency of call amounts (default USD)', optional: true, setting: 'currency' },
    baseUrl: { name: 'PLIVO_BASE_URL', description: 'optional: another host (default https://api.plivo.com)', optional: true, baseUrl: true, setting: 'baseUrl' },
  },
  secretSettings: ['authToken'],
  parseSettings: parsePlivoSettings,
  create: plivoProviderOf,
  fromEnvironment: ({ settings }) => [{ name: 'plivo', settings }],
  describe: (settings) => ({
    authToken: settings.authToken,
    mapping: plivoMappingOptions(settings),
  }),
  push: plivoPush,
  simulator: {
    defaults: { calls: 1000, days: 3 },
    async start(options) {
      const { PlivoSimulator } = await import('./testing/plivo-simulator.js');
      return PlivoSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'plivo',
        settings: {
          authId: simulator.authId,
          authToken: simulator.authToken,
          baseUrl: simulator.url,
        },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
