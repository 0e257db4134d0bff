import { type CallProvider, NotFoundError, ResponseValidationError } from '@cdr/core';
import {
  baseUrlSetting,
  type CursorPage,
  type CursorSource,
  createCallProvider,
  credentialSetting,
  type HttpClient,
  type PhoneNormalizer,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
  unreadableRecord,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { checkTwilioCall } from './check-twilio-call.js';
import { mapTwilioCall } from './map-twilio-call.js';
import { interpretTwilioResponse } from './twilio-error.js';
import { twilioPackage } from './twilio-package.js';
import { twilioCallPageSchema, twilioCallSchema } from './twilio-schemas.js';

export const defaultTwilioBaseUrl = 'https://api.twilio.com';
/** The largest `PageSize` (spec: 1 to 1000, default 50). */
export const twilioMaxPageSize = 1000;
const providerName = 'twilio';
const callSidPattern = /^CA[0-9a-fA-F]{32}$/;

export interface TwilioSettings extends ProviderKitSettings {
  /** The account's SID (`AC…`): the Basic username with an Auth Token. */
  accountSid: string;
  /** The account's Auth Token; or give `apiKey` and `apiSecret`. */
  authToken?: string | undefined;
  /** An API key SID (`SK…`), with `apiSecret`: the Basic username instead of the Account SID. */
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  /** List the calls of this subaccount (`AC…`) of `accountSid` instead of the account's own. */
  subaccountSid?: string | undefined;
  /** A Twilio region (`us1`, `ie1`, `au1`): data in a region is read through its host. */
  region?: string | undefined;
  /** A Twilio edge (`ashburn`, `dublin`, `sydney`…); with no region, the region is `us1`. */
  edge?: string | undefined;
  /** Another host altogether (a simulator, a proxy): wins over `region` and `edge`. */
  baseUrl?: string | undefined;
  /** Calls per page, 1 to 1000. Default 1000. */
  pageSize?: number | undefined;
}

const sid = (prefix: string, what: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}[0-9a-fA-F]{32}$`),
      `expected ${what} (${prefix} + 32 hex digits)`,
    );
const hostPart = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name such as us1 or sydney');

// Strict: an unknown or mistyped setting is an InvalidRequestError naming it, at creation.
const settingsSchema = z
  .strictObject({
    ...providerSettingsShape,
    accountSid: sid('AC', 'an Account SID'),
    authToken: credentialSetting('an Auth Token').optional(),
    apiKey: credentialSetting('an API key SID').optional(),
    apiSecret: credentialSetting('an API key secret').optional(),
    subaccountSid: sid('AC', 'a subaccount SID').optional(),
    region: hostPart.optional(),
    edge: hostPart.optional(),
    baseUrl: baseUrlSetting.optional(),
    pageSize: z.number().int().min(1).max(twilioMaxPageSize).optional(),
  })
  .superRefine((settings, context) => {
    const key = settings.apiKey !== undefined || settings.apiSecret !== undefined;
    if (key && (settings.apiKey === undefined || settings.apiSecret === undefined))
      context.addIssue({
        code: 'custom',
        path: [settings.apiKey === undefined ? 'apiKey' : 'apiSecret'],
        message: 'an API key needs both its SID (apiKey) and its secret (apiSecret)',
      });
    if (key === (settings.authToken !== undefined))
      context.addIssue({
        code: 'custom',
        path: ['authToken'],
        message: 'give either authToken or apiKey with apiSecret (exactly one of them)',
      });
  });

/** Checks settings (strictly) without creating a provider: an `InvalidRequestError` naming the problem. */
export function parseTwilioSettings(
  input: unknown,
  what = 'createTwilio settings',
): TwilioSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as TwilioSettings;
}

/** The host of a region and edge, as Twilio's SDKs build it: `api.{edge}.{region}.twilio.com`. */
export function twilioBaseUrl(region?: string, edge?: string): string {
  if (region === undefined && edge === undefined) return defaultTwilioBaseUrl;
  const parts = ['api', edge, region ?? 'us1'].filter((part) => part !== undefined);
  return `https://${parts.join('.')}.twilio.com`;
}

// Twilio filters on `StartTime>` (on or after) and `StartTime<` (before) with time-of-day
// precision when sent `YYYY-MM-DDTHH:mm:ssZ` (what twilio-node sends; inferred that it is
// honoured). The API window is widened to whole seconds: the kit drops what falls outside.
const seconds = (ms: number) =>
  `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

function readPage(
  body: unknown,
  phone: PhoneNormalizer,
  endpoint: string,
  listPath: string,
): CursorPage<string> {
  const page = parseResponse(twilioCallPageSchema, body, { provider: providerName, endpoint });
  const received = (body as { calls: unknown[] }).calls;
  const next = page.next_page_uri ?? undefined;
  // The cursor is a path on the same host, of the same listing: never another host.
  if (next !== undefined && !next.startsWith(`${listPath}?`)) {
    throw new ResponseValidationError({
      provider: providerName,
      endpoint,
      issues: [{ path: 'next_page_uri', message: `expected a path under ${listPath}` }],
      message: `next_page_uri does not continue the listing: ${next.slice(0, 120)}`,
    });
  }
  return {
    calls: page.calls.map((record, index) => {
      const checked = checkTwilioCall(record);
      if (checked.call) return mapTwilioCall(checked.call, phone, received[index]);
      const sid = (record as { sid?: unknown } | null)?.sid;
      return unreadableRecord(providerName, received[index], {
        id: typeof sid === 'string' && sid !== '' ? sid : undefined,
        issues: checked.issues.map((issue) => ({
          path: `calls[${index}]${issue.path === '' ? '' : `.${issue.path}`}`,
          message: issue.message,
        })),
      });
    }),
    next,
  };
}

const listEndpoint = 'GET /2010-04-01/Accounts/{AccountSid}/Calls.json';
const get = (http: HttpClient, path: string, signal: AbortSignal | undefined, name: string) =>
  http.requestJson({
    method: 'GET',
    path,
    endpoint: name,
    signal,
    interpret: interpretTwilioResponse,
  });

/**
 * The Calls list of one account as the kit's cursor source: the first page of a
 * (sub-)window by `StartTime>`/`StartTime<`, then `next_page_uri`.
 */
function twilioCallSource(
  { http, phone }: { http: HttpClient; phone: PhoneNormalizer },
  { account, pageSize }: { account: string; pageSize: number },
): CursorSource<string> {
  const listPath = `/2010-04-01/Accounts/${account}/Calls.json`;
  return {
    paging: 'cursor',
    endpoint: `GET ${listPath}`,
    directions: ['inbound', 'outbound', 'unknown'],
    statuses: ['answered', 'missed', 'busy', 'failed', 'unknown'],
    slicing: { minimumMs: 1000 },
    pageSize,
    fetchFirst: async ({ window, signal }) => {
      const query = new URLSearchParams({
        'StartTime>': seconds(window.from.getTime()),
        'StartTime<': seconds(window.to.getTime() + 1000),
        PageSize: String(pageSize),
      });
      const body = await get(http, `${listPath}?${query}`, signal, listEndpoint);
      return readPage(body, phone, listEndpoint, listPath);
    },
    fetchNext: async (cursor, { signal }) =>
      readPage(await get(http, cursor, signal, listEndpoint), phone, listEndpoint, listPath),
  };
}

/**
 * A Twilio account (or one of its subaccounts) as a cdr provider: its calls listed from
 * `GET /2010-04-01/Accounts/{AccountSid}/Calls.json` by start time, following
 * `next_page_uri`, with the kit's time slicing for concurrency, and one call by SID.
 */
export function createTwilio(input: TwilioSettings): CallProvider {
  return twilioProviderOf(parseTwilioSettings(input));
}

/** `createTwilio` with settings already checked: the descriptor's accounts, parsed once. */
export function twilioProviderOf(settings: TwilioSettings): CallProvider {
  const pageSize = settings.pageSize ?? twilioMaxPageSize;
  const account = settings.subaccountSid ?? settings.accountSid;
  const username = settings.apiKey ?? settings.accountSid;
  const password = (settings.apiSecret ?? settings.authToken)!;

  return createCallProvider({
    provider: providerName,
    package: twilioPackage,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? twilioBaseUrl(settings.region, settings.edge),
    secrets: [password],
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    },
    // Twilio numbers arrive in E.164: a region matters only for the odd national number.
    settings: { ...settings, defaultRegion: settings.defaultRegion ?? 'US' },
    // Twilio documents no request quota, only a concurrency limit (20429), waited out.
    sources: (context) => [twilioCallSource(context, { account, pageSize })],
    getCall: {
      idPattern: callSidPattern,
      idDescription: 'a Call SID (CA + 32 hex digits)',
      fetch: async (id, { http, phone }, signal) => {
        const name = 'GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json';
        let body: unknown;
        try {
          body = await get(http, `/2010-04-01/Accounts/${account}/Calls/${id}.json`, signal, name);
        } catch (error) {
          // An unknown Call SID: Twilio answers 404 (20404).
          if (error instanceof NotFoundError) return null;
          throw error;
        }
        const record = parseResponse(twilioCallSchema, body, {
          provider: providerName,
          endpoint: name,
        });
        return mapTwilioCall(record, phone, body);
      },
    },
  });
}
