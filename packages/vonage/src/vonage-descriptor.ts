import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { parseVonageSettings, vonageProviderOf } from './vonage-provider.js';
import { vonagePush } from './vonage-push.js';

/** A Vonage application the sync tool can use, with the secret that checks its webhooks. */
export type VonageAccount = AccountOf<typeof vonageDescriptor>;

/** What the sync tool needs to know about Vonage: its variables, accounts, pushes and simulator. */
export const vonageDescriptor = defineProviderDescriptor({
  provider: 'vonage',
  displayName: 'Vonage',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    applicationId: { name: 'VONAGE_APPLICATION_ID', description: 'the Vonage application id (Dashboard → Applications)', required: 'every request is a JWT of the application' },
    privateKey: { name: 'VONAGE_PRIVATE_KEY', description: "the application's RSA private key, PEM (on several lines, or one with \\n escapes)", secret: true, required: 'it signs the JWT of every request' },
    signatureSecret: { name: 'VONAGE_SIGNATURE_SECRET', description: 'optional: the signature secret (Dashboard → API settings) that checks signed webhooks', secret: true, optional: true },
    currency: { name: 'VONAGE_CURRENCY', description: 'optional: the ISO 4217 currency of prices, which records do not name (default EUR)', optional: true },
    retentionDays: { name: 'VONAGE_LEG_PERSISTENCE_DAYS', description: "optional: the application's leg persistence time, 1 to 31 days (default 2)", optional: true },
    baseUrl: { name: 'VONAGE_BASE_URL', description: 'optional: another host, e.g. https://api-eu.vonage.com (default https://api.nexmo.com)', optional: true, baseUrl: true },
  },
  secretSettings: ['privateKey', 'signatureSecret'],
  parseSettings: parseVonageSettings,
  create: vonageProviderOf,
  fromEnvironment({ values, invalid }) {
    const { applicationId, signatureSecret, currency, baseUrl } = values;
    // A PEM on one line with `\n` escapes, as .env files often hold it, is read as its lines.
    const privateKey = values.privateKey?.replaceAll('\\n', '\n');
    const days = values.retentionDays === undefined ? undefined : Number(values.retentionDays);
    if (days !== undefined && !Number.isInteger(days))
      throw invalid('VONAGE_LEG_PERSISTENCE_DAYS is not a whole number of days');
    const settings = { applicationId, privateKey, signatureSecret, currency, baseUrl };
    return [{ name: 'vonage', settings: { ...settings, retentionDays: days } }];
  },
  describe: ({ privateKey, signatureSecret, currency, pushToleranceSeconds }) => {
    const secrets = [privateKey, ...(signatureSecret ? [signatureSecret] : [])];
    return { signatureSecret, currency, pushToleranceSeconds, secrets };
  },
  push: vonagePush,
  simulator: {
    defaults: { calls: 400, days: 2 },
    async start(options) {
      const { VonageSimulator } = await import('./testing/vonage-simulator.js');
      return VonageSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'vonage',
        // The simulated application keeps legs 31 days, the most Vonage allows.
        // biome-ignore format: one account
        settings: { applicationId: simulator.applicationId, privateKey: simulator.privateKey, signatureSecret: simulator.signatureSecret, baseUrl: simulator.url, retentionDays: 31 },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
