import {
  type CallProvider,
  type CallStatus,
  callStatuses,
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
  unreadableRecord,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { mapPlivoCall, type PlivoMappingOptions } from './map-plivo-call.js';
import { interpretPlivoResponse } from './plivo-error.js';
import { plivoPackage } from './plivo-package.js';
import { plivoPageSchema, plivoRecordSchema } from './plivo-schemas.js';

/** Plivo's one API host (docs, API overview; no regional voice host is documented). */
export const defaultPlivoBaseUrl = 'https://api.plivo.com';
/** `limit`: 1 to 20, default 20 ("the maximum number of results … with a single API call is 20"). */
export const plivoMaxPageSize = 20;
/** A lower and an upper `end_time` bound more than 30 days apart are refused with HTTP 400. */
export const plivoMaxWindowDays = 30;
/** "Calls made only in the last 90 days can be retrieved via APIs." */
export const plivoRetentionDays = 90;
/** "By default, Plivo limits all accounts to 300 API requests per five seconds." */
export const plivoRateLimit = { limit: 300, intervalMs: 5000 } as const;
/**
 * The longest call the listing expects (inferred: Plivo's `time_limit` on a call defaults
 * to 14,400 s, four hours). The API filters on the **end** of a call and the kit's windows
 * are of **starts**, so each window is asked for with its upper bound this much later.
 */
export const defaultPlivoLongestCallSeconds = 14_400;
/** The zone of a time Plivo writes with no offset (inferred: every sample carries one). */
export const defaultPlivoTimeZone = 'UTC';
/** The currency of `total_amount` (inferred: Plivo bills in US dollars and sends no currency). */
export const defaultPlivoCurrency = 'USD';

const providerName = 'plivo';
const dayMs = 86_400_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PlivoSettings extends ProviderKitSettings {
  /** The Auth ID (console → Overview): `MA…` or `SA…`, 20 characters; the Basic user name and in every path. */
  authId: string;
  /** The Auth Token of that account: the Basic password, and the key Plivo signs callbacks with. */
  authToken: string;
  /** Another host (a simulator, a proxy). Default `https://api.plivo.com`. */
  baseUrl?: string | undefined;
  /** Records per page, 1–20. Default 20. */
  pageSize?: number | undefined;
  /** IANA zone of a time written with no offset. Default `UTC` (inferred). */
  timeZone?: string | undefined;
  /** ISO 4217 currency of `total_amount`, or `null` for none. Default `USD` (inferred). */
  currency?: string | null | undefined;
  /** The longest call to expect, in seconds (the API filters on end times). Default 14,400 (inferred). */
  longestCallSeconds?: number | undefined;
  /** `hangup_cause_code` → status of a call not answered, over the defaults. */
  hangupCauseStatuses?: Readonly<Record<string, CallStatus>> | undefined;
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
  authId: z
    .string({ message: 'expected the Auth ID as a string' })
    .regex(/^[MS]A[A-Z0-9]{18}$/, 'expected an Auth ID (MA or SA + 18 letters or digits)'),
  authToken: credentialSetting('an Auth Token'),
  baseUrl: baseUrlSetting.optional(),
  pageSize: z.number().int().min(1).max(plivoMaxPageSize).optional(),
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC').optional(),
  currency: z
    .string()
    .refine(isCurrencyCode, 'expected an ISO 4217 code such as USD')
    .nullable()
    .optional(),
  longestCallSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .optional(),
  hangupCauseStatuses: z
    .record(z.string().regex(/^\d+$/, 'expected a numeric hangup cause code'), z.enum(callStatuses))
    .optional(),
});

/** Checks settings as `createPlivo` does (strictly), without creating a provider. */
export function parsePlivoSettings(input: unknown, what = 'createPlivo settings'): PlivoSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as PlivoSettings;
}

/** The mapping's choices of an account, from its settings. */
export function plivoMappingOptions(settings: PlivoSettings): PlivoMappingOptions {
  return {
    timeZone: settings.timeZone ?? defaultPlivoTimeZone,
    currency: settings.currency === null ? undefined : (settings.currency ?? defaultPlivoCurrency),
    hangupCauseStatuses: settings.hangupCauseStatuses,
  };
}

/** A UTC filter value as the docs ask: `YYYY-MM-DD HH:MM:SS`. */
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A Plivo account as a cdr provider: its CDRs from `GET /v1/Account/{auth_id}/Call/`, paged by
 * `limit`/`offset` through `meta.next`, in windows of at most 30 days the kit slices, and one
 * CDR by `call_uuid`.
 *
 * ```ts
 * const plivo = createPlivo({ authId: 'MA…', authToken });
 * for await (const call of plivo.listCalls({ from, to })) console.log(call.id, call.status);
 * ```
 */
export function createPlivo(input: PlivoSettings): CallProvider {
  return plivoProviderOf(parsePlivoSettings(input));
}

/** `createPlivo` with settings already checked: the descriptor's accounts, parsed once. */
export function plivoProviderOf(settings: PlivoSettings): CallProvider {
  const pageSize = settings.pageSize ?? plivoMaxPageSize;
  const longestMs = (settings.longestCallSeconds ?? defaultPlivoLongestCallSeconds) * 1000;
  const mapping = plivoMappingOptions(settings);
  const listPath = `/v1/Account/${settings.authId}/Call/`;
  const endpoint = 'GET /v1/Account/{auth_id}/Call/';
  const basic = Buffer.from(`${settings.authId}:${settings.authToken}`).toString('base64');

  const get = (context: ProviderContext, path: string, signal: AbortSignal, name = endpoint) =>
    context.http.requestJson({
      method: 'GET',
      path,
      endpoint: name,
      signal,
      interpret: interpretPlivoResponse,
    });

  function invalid(path: string, message: string): ResponseValidationError {
    return new ResponseValidationError({
      provider: providerName,
      endpoint,
      issues: [{ path, message }],
      message,
    });
  }

  async function page(
    context: ProviderContext,
    path: string,
    signal: AbortSignal,
  ): Promise<CursorPage<string>> {
    const body = await get(context, path, signal);
    const parsed = parseResponse(plivoPageSchema, body, {
      provider: providerName,
      instance: context.instance,
      endpoint,
    });
    // An answer to another page than the one asked (an SDK-style retry that lost its query
    // answers page 1 of the default window): refused, so the transport asks again.
    const asked = new URL(path, 'http://plivo.invalid').searchParams;
    const offset = Number(asked.get('offset') ?? '0');
    if (parsed.meta.offset !== offset || parsed.meta.limit !== Number(asked.get('limit')))
      throw invalid(
        'meta',
        `the page answers offset ${parsed.meta.offset} limit ${parsed.meta.limit}, not offset ${offset} limit ${asked.get('limit')} as asked`,
      );
    const next = parsed.meta.next ?? undefined;
    // `next` continues the same listing on the same host, or it is not followed.
    if (next !== undefined && !next.startsWith(`${listPath}?`))
      throw invalid('meta.next', `meta.next does not continue the listing: ${next.slice(0, 120)}`);
    const received = parsed.objects;
    return {
      calls: received.map((record, index) => {
        const read = plivoRecordSchema.safeParse(record);
        if (read.success) return mapPlivoCall(read.data, context.phone, mapping, record);
        const id = (record as { call_uuid?: unknown } | null)?.call_uuid;
        return unreadableRecord(providerName, record, {
          id: typeof id === 'string' && id !== '' ? id : undefined,
          issues: read.error.issues.map((issue) => ({
            path: `objects[${index}]${issue.path.length > 0 ? `.${formatIssuePath(issue.path)}` : ''}`,
            message: issue.message,
          })),
        });
      }),
      next,
    };
  }

  const source = (context: ProviderContext): CursorSource<string> => ({
    paging: 'cursor',
    endpoint,
    directions: ['inbound', 'outbound', 'unknown'],
    statuses: ['answered', 'missed', 'busy', 'failed'],
    // Plivo filters on end times: the sub-windows are of ends, each asked exactly, so no
    // call is read twice; only the last asks also for the calls that start in the window
    // and end up to `longestMs` after it. (Sub-windows of starts, each asked as ends up to
    // `longestMs` later, re-read ~4 h of the next one: 708 requests for 500 pages, B13.)
    // The pair must stay within the 30-day cap. A sub-window shorter than an hour is not
    // worth its requests.
    slicing: {
      minimumMs: 3_600_000,
      maximumMs: plivoMaxWindowDays * dayMs - longestMs - 1000,
    },
    // A call without an end is placed in no sub-window (NaN): every chain that returns it
    // passes it on, for the kit's check to judge and its memory of ids to keep once.
    sliceKey: (call) => call.endedAt ?? new Date(Number.NaN),
    pageSize,
    fetchFirst: ({ window, listingWindow, filter, signal }) => {
      const last = window.to.getTime() >= listingWindow.to.getTime();
      const query = new URLSearchParams({
        end_time__gte: utc(Math.floor(window.from.getTime() / 1000) * 1000),
        end_time__lte: utc(window.to.getTime() + (last ? longestMs : 0)),
        limit: String(pageSize),
        offset: '0',
      });
      if (filter.direction === 'inbound' || filter.direction === 'outbound')
        query.set('call_direction', filter.direction);
      return page(context, `${listPath}?${query}`, signal);
    },
    fetchNext: (cursor, { signal }) => page(context, cursor, signal),
  });

  return createCallProvider({
    provider: providerName,
    package: plivoPackage,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? defaultPlivoBaseUrl,
    secrets: [settings.authToken, basic],
    headers: { authorization: `Basic ${basic}` },
    // Plivo's numbers come as E.164 with or without the `+`: a US default reads the rest.
    settings: { ...settings, defaultRegion: settings.defaultRegion ?? 'US' },
    // The kit's limiter counts each request until five seconds after its answer, however
    // late it reached Plivo; 50 ms more for a provider whose clock or windows are coarser.
    defaultRateLimit: { ...plivoRateLimit, safetyMarginMs: 50 },
    retentionDays: plivoRetentionDays,
    sources: (context) => [source(context)],
    getCall: {
      idPattern: uuidPattern,
      idDescription: 'a call UUID (36 characters)',
      fetch: async (id, context, signal) => {
        const lookup = 'GET /v1/Account/{auth_id}/Call/{call_uuid}/';
        let body: unknown;
        try {
          body = await context.http.requestJson({
            method: 'GET',
            path: `${listPath}${id.toLowerCase()}/`,
            endpoint: lookup,
            signal,
            interpret: interpretPlivoResponse,
          });
        } catch (error) {
          // An unknown call: Plivo answers 404 `{"error": "not found"}` (inferred, SDK issues).
          if (NotFoundError.isInstance(error)) return null;
          throw error;
        }
        const record = parseResponse(plivoRecordSchema, body, {
          provider: providerName,
          instance: context.instance,
          endpoint: lookup,
        });
        return mapPlivoCall(record, context.phone, mapping, body);
      },
    },
  });
}
