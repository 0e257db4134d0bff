import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { parseTelnyxSettings, telnyxProviderOf } from './telnyx-provider.js';
import { telnyxPush } from './telnyx-push.js';

/** An Telnyx account the sync tool can use. */
export type TelnyxAccount = AccountOf<typeof telnyxDescriptor>;

/** What the sync tool needs to know about Telnyx: its variables, accounts, pushes and simulator. */
export const telnyxDescriptor = defineProviderDescriptor({
  provider: 'telnyx',
  displayName: 'Telnyx',
  // TODO(telnyx): every variable an account needs, as the docs name the credentials.
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    apiKey: { name: 'TELNYX_API_KEY', description: 'the Telnyx API key', secret: true, required: 'every Telnyx request carries it', setting: 'apiKey' },
    baseUrl: { name: 'TELNYX_BASE_URL', description: 'another Telnyx host (a proxy)', optional: true, baseUrl: true, setting: 'baseUrl' },
  },
  secretSettings: ['apiKey'],
  parseSettings: parseTelnyxSettings,
  create: telnyxProviderOf,
  fromEnvironment: ({ settings }) => [{ name: 'telnyx', settings }],
  push: telnyxPush,
  simulator: {
    defaults: { calls: 200, days: 3 },
    async start(options) {
      const { TelnyxSimulator } = await import('./testing/telnyx-simulator.js');
      return TelnyxSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'telnyx',
        settings: { apiKey: simulator.apiKey, baseUrl: simulator.url },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
