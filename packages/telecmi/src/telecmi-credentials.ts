import { credentialSetting } from '@cdr/core/provider-utils';
import { z } from 'zod';
import type { TelecmiCredentialKind } from './telecmi-endpoints.js';

/** The credentials of one TeleCMI account; the kind names the product and the endpoints it opens. */
export type TelecmiCredentials =
  /** A TeleCMI (CHUB) user's login token (`POST /v2/user/login`): the user's calls, in and out. */
  | { kind: 'rest-user'; token: string }
  /** A TeleCMI (CHUB) app's id and secret: every call of the app, in and out. */
  | { kind: 'rest-app'; appId: number; appSecret: string }
  /** A PIOPIY (India) app's id and secret: every call of the app, in and out. */
  | { kind: 'piopiy-app'; appId: number; appSecret: string }
  /** A PIOPIY agent's login token (`POST /v1/agentLogin`): the agent's answered and outgoing missed calls. */
  | { kind: 'piopiy-agent'; token: string };

// The kinds before 0.2 did not say which product they belong to.
const renamedKinds: Record<string, TelecmiCredentialKind> = {
  user: 'rest-user',
  app: 'piopiy-app',
  agent: 'piopiy-agent',
};

const appId = z
  .number({ message: 'expected the app id as a number' })
  .int('expected a whole app id')
  .positive('expected a positive app id')
  .refine(Number.isSafeInteger, 'expected an app id below 2^53');

export const telecmiCredentialsSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('rest-user'), token: credentialSetting('a user token') }),
    z.strictObject({
      kind: z.literal('rest-app'),
      appId,
      appSecret: credentialSetting('an app secret'),
    }),
    z.strictObject({
      kind: z.literal('piopiy-app'),
      appId,
      appSecret: credentialSetting('an app secret'),
    }),
    z.strictObject({ kind: z.literal('piopiy-agent'), token: credentialSetting('an agent token') }),
  ],
  {
    error: (issue) => {
      const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
      if (typeof kind === 'string' && renamedKinds[kind])
        return `credential kind "${kind}" is now "${renamedKinds[kind]}" (kinds name their product since @cdr/telecmi 0.2)`;
      return 'expected kind "rest-user", "rest-app", "piopiy-app" or "piopiy-agent"';
    },
  },
);

/** The secret a credential holds. */
export function secretOf(credentials: TelecmiCredentials): string {
  return 'token' in credentials ? credentials.token : credentials.appSecret;
}

/** An app's credentials from its id (digits, checked by the caller) and secret, if given. */
export function appCredentials(
  kind: 'rest-app' | 'piopiy-app',
  idAndSecret: [string, string] | undefined,
): TelecmiCredentials | undefined {
  return idAndSecret && { kind, appId: Number(idAndSecret[0]), appSecret: idAndSecret[1] };
}

/** A login token's credentials, if given. */
export function tokenCredentials(
  kind: 'rest-user' | 'piopiy-agent',
  token: string | undefined,
): TelecmiCredentials | undefined {
  return token === undefined ? undefined : { kind, token };
}
