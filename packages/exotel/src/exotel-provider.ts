import {
  type CallProvider,
  formatZonedDateTime,
  NotFoundError,
  ResponseValidationError,
} from '@cdr/core';
import {
  baseUrlSetting,
  type CursorPage,
  type CursorSource,
  createCallProvider,
  credentialSetting,
  formatIssuePath,
  isCurrencyCode,
  type ProviderContext,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { interpretExotelResponse } from './exotel-error.js';
import { exotelPackage } from './exotel-package.js';
import { exotelCallDetailsSchema, exotelPageSchema } from './exotel-schemas.js';
import { type ExotelMappingOptions, mapExotelCall } from './map-exotel-call.js';

/** Exotel's two clusters: Singapore (`api.exotel.com`) and Mumbai (`api.in.exotel.com`). */
export const exotelHosts = {
  singapore: 'https://api.exotel.com',
  mumbai: 'https://api.in.exotel.com',
} as const;

export type ExotelRegion = keyof typeof exotelHosts;

/** The zone Exotel's naive times are read in when none is set (undocumented: inferred). */
export const defaultExotelTimeZone = 'Asia/Kolkata';
/** Bulk Call Details: `PageSize` at most 100 (default 50). */
export const maxExotelPageSize = 100;
/** "Max range 1 month": windows are asked for in pieces of at most 28 days, shorter than any month. */
export const exotelMaxWindowDays = 28;
/** "Records only up to 6 months old": 180 days, the shortest six months can be, refused before sending. */
export const exotelRetentionDays = 180;
/** "All Voice APIs are rate limited to 200 calls per minute", per account. */
export const exotelRateLimit = { limit: 200, intervalMs: 60_000 } as const;

const providerName = 'exotel';
const dayMs = 86_400_000;

export interface ExotelSettings extends ProviderKitSettings {
  /** The account SID (dashboard → API settings): it goes in the path, not the credentials. */
  accountSid: string;
  /** The API key: the Basic-auth user name. */
  apiKey: string;
  /** The API token: the Basic-auth password. */
  apiToken: string;
  /** The account's cluster. Default `singapore` (`api.exotel.com`). */
  region?: ExotelRegion | undefined;
  /** Another host (a simulator, a proxy): replaces the region's. */
  baseUrl?: string | undefined;
  /** IANA zone of Exotel's naive date-times, both in requests and records. Default `Asia/Kolkata`. */
  timeZone?: string | undefined;
  /** ISO 4217 billing currency of `Price` (Exotel does not send one). Default: none. */
  currency?: string | undefined;
  /** Records per page, 1–100. Default 100. */
  pageSize?: number | undefined;
}

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

// Strict: an unknown or mistyped setting is an InvalidRequestError naming it, at creation.
const settingsSchema = z.strictObject({
  ...providerSettingsShape,
  accountSid: z
    .string({ message: 'expected the account SID as a string' })
    .regex(/^[A-Za-z0-9_-]+$/, 'expected the account SID (letters, digits, _ and -)'),
  apiKey: credentialSetting('an API key'),
  apiToken: credentialSetting('an API token'),
  region: z.enum(['singapore', 'mumbai']).optional(),
  baseUrl: baseUrlSetting.optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Asia/Kolkata')
    .optional(),
  currency: z.string().refine(isCurrencyCode, 'expected an ISO 4217 code such as INR').optional(),
  pageSize: z.number().int().min(1).max(maxExotelPageSize).optional(),
});

/**
 * Checks settings as `createExotel` does (strictly: an unknown or bad setting is an
 * `InvalidRequestError` naming it) without creating a provider.
 */
export function parseExotelSettings(
  input: unknown,
  what = 'createExotel settings',
): ExotelSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as ExotelSettings;
}

/** The host an account's requests go to: `baseUrl` when set, else its region's (default Singapore). */
export function exotelBaseUrl(settings: Pick<ExotelSettings, 'region' | 'baseUrl'>): string {
  return settings.baseUrl ?? exotelHosts[settings.region ?? 'singapore'];
}

/**
 * Creates an Exotel provider for one account: Bulk Call Details over any window (the kit
 * slices it into pieces of at most 28 days, each cursor-paged), and Call Details by SID.
 *
 * ```ts
 * const exotel = createExotel({ accountSid, apiKey, apiToken, region: 'mumbai' });
 * for await (const call of exotel.listCalls({ from, to })) console.log(call.id, call.status);
 * ```
 */
export function createExotel(input: ExotelSettings): CallProvider {
  return exotelProviderOf(parseExotelSettings(input));
}

/** `createExotel` with settings already checked: the descriptor's accounts, parsed once. */
export function exotelProviderOf(settings: ExotelSettings): CallProvider {
  const pageSize = settings.pageSize ?? maxExotelPageSize;
  const timeZone = settings.timeZone ?? defaultExotelTimeZone;
  const baseUrl = exotelBaseUrl(settings);
  const listPath = `/v1/Accounts/${settings.accountSid}/Calls.json`;
  const endpoint = 'GET /v1/Accounts/{sid}/Calls.json';
  const basic = Buffer.from(`${settings.apiKey}:${settings.apiToken}`).toString('base64');
  const name = settings.name ?? providerName;

  function mapping(context: ProviderContext, at: string): ExotelMappingOptions {
    return { timeZone, currency: settings.currency, instance: context.instance, endpoint: at };
  }

  /** A `NextPageUri` taken as a path on this account's list endpoint, never another host. */
  function nextPath(uri: string): string {
    const base = new URL(baseUrl);
    const next = new URL(uri, base);
    if (next.origin !== base.origin || !next.pathname.endsWith(listPath)) {
      throw new ResponseValidationError({
        provider: providerName,
        instance: name,
        endpoint,
        issues: [
          {
            path: formatIssuePath(['Metadata', 'NextPageUri']),
            message: 'expected a path on the list endpoint',
          },
        ],
        message: `Exotel's NextPageUri does not point at ${listPath} on the same host: not followed`,
      });
    }
    return `${listPath}${next.search}`;
  }

  async function page(
    context: ProviderContext,
    path: string,
    signal: AbortSignal,
  ): Promise<CursorPage<string>> {
    const body = await context.http.requestJson({
      method: 'GET',
      path,
      endpoint,
      signal,
      interpret: interpretExotelResponse,
    });
    const parsed = parseResponse(exotelPageSchema, body, {
      provider: providerName,
      instance: context.instance,
      endpoint,
    });
    const received = (body as { Calls: unknown[] }).Calls;
    const options = mapping(context, endpoint);
    const calls = parsed.Calls.map((record, index) =>
      mapExotelCall(record, context.phone, options, received[index]),
    );
    const uri = parsed.Metadata?.NextPageUri;
    return { calls, next: uri ? nextPath(uri) : undefined };
  }

  const source = (context: ProviderContext): CursorSource<string> => ({
    paging: 'cursor',
    endpoint,
    directions: ['inbound', 'outbound'],
    statuses: ['answered', 'missed', 'busy', 'failed'],
    // "Max range 1 month": no sub-window longer than 28 days; DateCreated has whole seconds.
    slicing: { minimumMs: 1000, maximumMs: exotelMaxWindowDays * dayMs },
    pageSize,
    // The filter is on DateCreated, which is what `startedAt` is.
    sliceKey: (call) => call.startedAt,
    fetchFirst: ({ window, signal }) => {
      // Both bounds inclusive, whole seconds of the zone; the `;` is URL-encoded.
      const created = `gte:${formatZonedDateTime(window.from, timeZone)};lte:${formatZonedDateTime(window.to, timeZone)}`;
      // Encoded here (`%3B`, `%20`), as the docs ask, rather than as a form (`+` for a space).
      const query = `DateCreated=${encodeURIComponent(created)}&PageSize=${pageSize}&SortBy=${encodeURIComponent('DateCreated:asc')}`;
      return page(context, `${listPath}?${query}`, signal);
    },
    fetchNext: (cursor, { signal }) => page(context, cursor, signal),
  });

  return createCallProvider({
    provider: providerName,
    package: exotelPackage,
    name,
    baseUrl,
    secrets: [settings.apiKey, settings.apiToken, basic],
    headers: { authorization: `Basic ${basic}` },
    settings,
    // A second of margin: a request granted just inside a minute here may land just outside on Exotel's side.
    defaultRateLimit: { ...exotelRateLimit, safetyMarginMs: 1000 },
    retentionDays: exotelRetentionDays,
    sources: (context) => [source(context)],
    getCall: {
      idPattern: /^[0-9a-f]{32}$/,
      idDescription: 'a call SID of 32 hex characters',
      fetch: async (id, context, signal) => {
        const lookup = 'GET /v1/Accounts/{sid}/Calls/{CallSid}.json';
        let body: unknown;
        try {
          body = await context.http.requestJson({
            method: 'GET',
            path: `/v1/Accounts/${settings.accountSid}/Calls/${id}.json`,
            endpoint: lookup,
            signal,
            interpret: interpretExotelResponse,
          });
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
        const parsed = parseResponse(exotelCallDetailsSchema, body, {
          provider: providerName,
          instance: context.instance,
          endpoint: lookup,
        });
        return mapExotelCall(
          parsed.Call,
          context.phone,
          mapping(context, lookup),
          (body as { Call: unknown }).Call,
        );
      },
    },
  });
}
