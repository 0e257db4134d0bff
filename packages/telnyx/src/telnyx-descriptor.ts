import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { parseTelnyxSettings, telnyxProviderOf } from './telnyx-provider.js';
import { telnyxPush } from './telnyx-push.js';

/** A Telnyx account: its API key, and the public key its webhooks are checked with (if any). */
export type TelnyxAccount = AccountOf<typeof telnyxDescriptor>;

/** What the sync tool needs to know about Telnyx: its variables, accounts, pushes and simulator. */
export const telnyxDescriptor = defineProviderDescriptor({
  provider: 'telnyx',
  displayName: 'Telnyx',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    apiKey: { name: 'TELNYX_API_KEY', description: 'the Telnyx API v2 key (KEY…, Mission Control Portal → Auth)', secret: true, required: 'every Telnyx request carries it', setting: 'apiKey' },
    publicKey: { name: 'TELNYX_PUBLIC_KEY', description: 'optional: the account public key (Keys & Credentials → Public Key) that checks its webhooks', optional: true, setting: 'webhookPublicKey' },
    recordTypes: { name: 'TELNYX_RECORD_TYPES', description: 'optional: the record types to list, comma-separated (default call-control,sip-trunking,webrtc)', optional: true },
    baseUrl: { name: 'TELNYX_BASE_URL', description: 'optional: another Telnyx host (default https://api.telnyx.com)', optional: true, baseUrl: true, setting: 'baseUrl' },
  },
  secretSettings: ['apiKey'],
  parseSettings: parseTelnyxSettings,
  create: telnyxProviderOf,
  fromEnvironment: ({ settings, values }) => {
    const recordTypes = values.recordTypes?.split(',').map((type) => type.trim());
    return [{ name: 'telnyx', settings: { ...settings, ...(recordTypes ? { recordTypes } : {}) } }];
  },
  describe: (settings) => ({ webhookPublicKey: settings.webhookPublicKey }),
  push: telnyxPush,
  simulator: {
    defaults: { calls: 600, days: 3 },
    async start(options) {
      const { TelnyxSimulator } = await import('./testing/telnyx-simulator.js');
      return TelnyxSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'telnyx',
        settings: {
          apiKey: simulator.apiKey,
          baseUrl: simulator.url,
          webhookPublicKey: simulator.publicKey,
        },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
