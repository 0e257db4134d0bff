import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { defaultExotelTimeZone, exotelProviderOf, parseExotelSettings } from './exotel-provider.js';
import { exotelPush } from './exotel-push.js';

/** An Exotel account: its `timeZone` is the zone its StatusCallbacks are read in, as for the API. */
export type ExotelAccount = AccountOf<typeof exotelDescriptor>;

const needs = 'an Exotel account needs its SID, API key and token';

/** What the sync tool needs to know about Exotel: its variables, account and simulator. */
export const exotelDescriptor = defineProviderDescriptor({
  provider: 'exotel',
  displayName: 'Exotel',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    accountSid: { name: 'EXOTEL_ACCOUNT_SID', description: 'the Exotel account SID (dashboard → API settings), with EXOTEL_API_KEY and EXOTEL_API_TOKEN', required: needs },
    apiKey: { name: 'EXOTEL_API_KEY', description: 'the Exotel API key (the Basic-auth user name)', secret: true, required: needs },
    apiToken: { name: 'EXOTEL_API_TOKEN', description: 'the Exotel API token (the Basic-auth password)', secret: true, required: needs },
    region: { name: 'EXOTEL_REGION', description: "the account's cluster: singapore (api.exotel.com, default) or mumbai (api.in.exotel.com)", optional: true, check: (value) => (value === 'singapore' || value === 'mumbai' ? undefined : 'must be singapore or mumbai') },
    baseUrl: { name: 'EXOTEL_BASE_URL', description: 'another Exotel host (a proxy), replacing the region’s', optional: true, baseUrl: true },
    timeZone: { name: 'EXOTEL_TIME_ZONE', description: "the zone of Exotel's date-times (undocumented), default Asia/Kolkata", optional: true },
    currency: { name: 'EXOTEL_CURRENCY', description: "the ISO 4217 billing currency of Exotel's prices (Exotel does not say), e.g. INR", optional: true },
  },
  secretSettings: ['apiKey', 'apiToken'],
  parseSettings: parseExotelSettings,
  create: exotelProviderOf,
  fromEnvironment: ({ values }) => [{ name: 'exotel', settings: values }],
  describe: (settings) => ({ timeZone: settings.timeZone ?? defaultExotelTimeZone }),
  push: exotelPush,
  simulator: {
    defaults: { calls: 4000, days: 6 },
    async start(options) {
      const { ExotelSimulator } = await import('./testing/exotel-simulator.js');
      return ExotelSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'exotel',
        settings: {
          ...{ accountSid: simulator.accountSid, apiKey: simulator.apiKey },
          ...{ apiToken: simulator.apiToken, baseUrl: simulator.url, currency: 'INR' },
        },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
