import { type AccountOf, defineProviderDescriptor } from '@cdr/core/provider-utils';
import { appCredentials, tokenCredentials } from './telecmi-credentials.js';
import { telecmiCredentialKinds } from './telecmi-endpoints.js';
import { parseTelecmiSettings, telecmiProviderOf } from './telecmi-provider.js';
import { telecmiPush } from './telecmi-push.js';

/** A TeleCMI account; its `credentialKind` says which product (`rest-*`: CHUB, with webhooks). */
export type TelecmiAccount = AccountOf<typeof telecmiDescriptor>;
const number = (value: string) => (/^\d+$/.test(value) ? undefined : 'must be a number');

/** What the sync tool needs to know about TeleCMI: its variables, accounts and simulator. */
export const telecmiDescriptor = defineProviderDescriptor({
  provider: 'telecmi',
  displayName: 'TeleCMI',
  // biome-ignore format: a table, one variable a line as .env.example lists them
  variables: {
    userToken: { name: 'TELECMI_USER_TOKEN', description: "a TeleCMI (CHUB) user login token (POST /v2/user/login): the user's calls", secret: true },
    restAppId: { name: 'TELECMI_REST_APP_ID', description: 'a TeleCMI (CHUB) app id: every call of the app (with TELECMI_REST_APP_SECRET)', check: number },
    restAppSecret: { name: 'TELECMI_REST_APP_SECRET', description: 'the TeleCMI (CHUB) app secret', secret: true },
    appId: { name: 'TELECMI_APP_ID', description: 'a PIOPIY app id: every call of the app (with TELECMI_APP_SECRET)', check: number },
    appSecret: { name: 'TELECMI_APP_SECRET', description: 'the PIOPIY app secret', secret: true },
    agentToken: { name: 'TELECMI_AGENT_TOKEN', description: "a PIOPIY agent login token: the agent's answered and outgoing missed calls", secret: true },
    // Once one host is given, the settings refuse an account whose host is not: no secret to production.
    rest: { name: 'TELECMI_REST_URL', description: 'another REST v2 host (default https://rest.telecmi.com)', optional: true, baseUrl: true, setting: 'baseUrls.rest' },
    piopiy: { name: 'TELECMI_PIOPIY_URL', description: 'another PIOPIY host (default https://piopiy.telecmi.com)', optional: true, baseUrl: true, setting: 'baseUrls.piopiy' },
    currency: { name: 'TELECMI_CURRENCY', description: "the ISO 4217 currency of TeleCMI's rates (TeleCMI does not say), e.g. INR", optional: true, setting: 'currency' },
  },
  secretSettings: ['credentials.token', 'credentials.appSecret'],
  parseSettings: parseTelecmiSettings,
  create: telecmiProviderOf,
  fromEnvironment({ values, settings, pair }) {
    const list = [
      tokenCredentials('rest-user', values.userToken),
      appCredentials('rest-app', pair('restAppId', 'restAppSecret', 'a TeleCMI (CHUB) app')),
      appCredentials('piopiy-app', pair('appId', 'appSecret', 'a PIOPIY app')),
      tokenCredentials('piopiy-agent', values.agentToken),
    ].filter((entry) => entry !== undefined);
    return list.map((credentials) => ({
      name: `telecmi:${credentials.kind}`,
      settings: { ...settings, credentials },
    }));
  },
  describe: ({ credentials }) => ({ credentialKind: credentials.kind }),
  push: telecmiPush,
  simulator: {
    defaults: { calls: 4000, days: 6 },
    async start(options) {
      const { TelecmiSimulator } = await import('./testing/telecmi-simulator.js');
      return TelecmiSimulator.start({ ...options, now: options.now.getTime() });
    },
    accounts(server) {
      const { credentials, baseUrls } = server;
      return telecmiCredentialKinds.map((kind) => ({
        name: `telecmi:${kind}`,
        settings: { credentials: credentials[kind], baseUrls, currency: 'INR' },
        expectedCallIds: (window) => server.calls(kind, window).map((call) => call.id),
      }));
    },
  },
});
