import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { parseTwilioSettings, twilioProviderOf } from './twilio-provider.js';
import { twilioPush } from './twilio-push.js';

/** A Twilio account: its `accountSid`, and the `authToken` that signs its webhooks (if any). */
export type TwilioAccount = AccountOf<typeof twilioDescriptor>;

/** What the sync tool needs to know about Twilio: its variables, account and simulator. */
export const twilioDescriptor = defineProviderDescriptor({
  provider: 'twilio',
  displayName: 'Twilio',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    accountSid: { name: 'TWILIO_ACCOUNT_SID', description: 'the Twilio Account SID (AC…, Console → Account Info)', required: 'every Twilio request names the account' },
    authToken: { name: 'TWILIO_AUTH_TOKEN', description: "the account's Auth Token (or use TWILIO_API_KEY and TWILIO_API_SECRET)", secret: true },
    apiKey: { name: 'TWILIO_API_KEY', description: 'a Twilio API key SID (SK…), with TWILIO_API_SECRET: used instead of the Auth Token' },
    apiSecret: { name: 'TWILIO_API_SECRET', description: "the API key's secret", secret: true },
    subaccountSid: { name: 'TWILIO_SUBACCOUNT_SID', description: "optional: a subaccount SID (AC…) whose calls to list with the parent's credentials", optional: true },
    region: { name: 'TWILIO_REGION', description: 'optional: the Twilio region holding the data (us1, ie1, au1): host api.{edge}.{region}.twilio.com', optional: true },
    edge: { name: 'TWILIO_EDGE', description: 'optional: the Twilio edge location (e.g. dublin, sydney); with no region, us1', optional: true },
    baseUrl: { name: 'TWILIO_BASE_URL', description: 'optional: another host altogether (default https://api.twilio.com)', optional: true, baseUrl: true },
  },
  secretSettings: ['authToken', 'apiSecret'],
  parseSettings: parseTwilioSettings,
  create: twilioProviderOf,
  fromEnvironment({ values, invalid, pair }) {
    const key = pair('apiKey', 'apiSecret', 'an API key');
    if (!key && !values.authToken)
      throw invalid('TWILIO_AUTH_TOKEN is missing (or set TWILIO_API_KEY and TWILIO_API_SECRET)');
    const { accountSid, authToken, subaccountSid, baseUrl } = values;
    // An API key, when both are set: the narrower credential.
    const credentials = key ? { apiKey: key[0], apiSecret: key[1] } : { authToken };
    const [region, edge] = [values.region?.toLowerCase(), values.edge?.toLowerCase()];
    const settings = { accountSid, ...credentials, subaccountSid, region, edge, baseUrl };
    return [{ name: 'twilio', settings, details: authToken }];
  },
  describe(settings, signingToken: string | undefined) {
    const authToken = signingToken ?? settings.authToken;
    return { accountSid: settings.accountSid, authToken, secrets: [authToken] };
  },
  push: twilioPush,
  simulator: {
    defaults: { calls: 2000, days: 6 },
    async start(options) {
      const { TwilioSimulator } = await import('./testing/twilio-simulator.js');
      return TwilioSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts: (simulator) => [
      {
        name: 'twilio',
        settings: {
          accountSid: simulator.accountSid,
          authToken: simulator.authToken,
          baseUrl: simulator.url,
        },
        expectedCallIds: (window) => simulator.calls(window).map((call) => call.id),
      },
    ],
  },
});
