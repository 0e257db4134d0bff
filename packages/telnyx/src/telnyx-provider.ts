import { type CallProvider, NotFoundError } from '@cdr/core';
import {
  baseUrlSetting,
  createCallProvider,
  credentialSetting,
  formatIssuePath,
  type HttpClient,
  type NumberedPage,
  type PageNumberSource,
  type PhoneNormalizer,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
  unreadableRecord,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { mapTelnyxCall } from './map-telnyx-call.js';
import { interpretTelnyxResponse } from './telnyx-error.js';
import { telnyxPackage } from './telnyx-package.js';
import { telnyxPageSchema, telnyxRecordSchema } from './telnyx-schemas.js';
import { telnyxPublicKey } from './telnyx-webhook-signature.js';

/** The API host; the SDK's base URL `https://api.telnyx.com/v2` is this plus `/v2`. */
export const defaultTelnyxBaseUrl = 'https://api.telnyx.com';
/** `page[size]`: 1 to 50 (OpenAPI spec). */
export const telnyxMaxPageSize = 50;
/** The voice record types: Call Control, SIP trunking and WebRTC legs, one query each. */
export const telnyxVoiceRecordTypes = ['call-control', 'sip-trunking', 'webrtc'] as const;
/**
 * Telnyx publishes no number for `/detail_records` ("typically static, but subject to
 * change"): an inferred, conservative 10 requests a second, overridable with `rateLimit`.
 */
export const telnyxRateLimit = { limit: 10, intervalMs: 1000 } as const;
const listPath = '/v2/detail_records';
const providerName = 'telnyx';
const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface TelnyxSettings extends ProviderKitSettings {
  /** The Telnyx API v2 key (`KEY…`, Mission Control Portal → Auth), sent as a Bearer token. */
  apiKey: string;
  /** Another host: a simulator, a proxy. Default `https://api.telnyx.com` (paths start `/v2`). */
  baseUrl?: string | undefined;
  /** Records per page, 1 to 50. Default 50. */
  pageSize?: number | undefined;
  /**
   * The `filter[record_type]` values listed, one query each. Default `call-control`,
   * `sip-trunking`, `webrtc` (an account without one answers 400 "No matching record type":
   * list only the ones it has).
   */
  recordTypes?: readonly string[] | undefined;
  /**
   * The account's webhook public key (Mission Control Portal → Keys & Credentials → Public
   * Key: base64 of the raw 32-byte Ed25519 key). Not used to list; `cdr receive` checks the
   * account's webhooks with it.
   */
  webhookPublicKey?: string | undefined;
}

// Strict: an unknown or mistyped setting is an InvalidRequestError naming it, at creation.
const settingsSchema = z.strictObject({
  ...providerSettingsShape,
  apiKey: credentialSetting('an API key'),
  baseUrl: baseUrlSetting.optional(),
  pageSize: z.number().int().min(1).max(telnyxMaxPageSize).optional(),
  recordTypes: z
    .array(z.string().regex(/^[a-z][a-z_-]*$/, 'expected a record type such as call-control'))
    .min(1)
    .refine((types) => new Set(types).size === types.length, 'a record type is listed twice')
    .optional(),
  webhookPublicKey: z
    .string()
    .refine(
      (value) => telnyxPublicKey(value) !== undefined,
      'expected the base64 of a 32-byte Ed25519 public key',
    )
    .optional(),
});

/**
 * A Telnyx account as a cdr provider: its voice call legs from `GET /v2/detail_records`,
 * one page-numbered query per record type, filtered on `started_at`.
 */
export function createTelnyx(input: TelnyxSettings): CallProvider {
  return telnyxProviderOf(parseTelnyxSettings(input));
}

/** Checks settings as `createTelnyx` does (strictly), without creating a provider. */
export function parseTelnyxSettings(
  input: unknown,
  what = 'createTelnyx settings',
): TelnyxSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as TelnyxSettings;
}

// `[gte]` is inclusive and `[lt]` exclusive (spec examples); times are whole seconds in the
// records, so the window is widened to whole seconds and the kit drops what falls outside.
const isoSecond = (ms: number) =>
  `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/** One page → Calls; a record failing its schema is returned as an unreadable stand-in. */
function readPage(body: unknown, phone: PhoneNormalizer, endpoint: string): NumberedPage {
  const page = parseResponse(telnyxPageSchema, body, { provider: providerName, endpoint });
  return {
    total: page.meta.total_results,
    calls: page.data.map((record, index) => {
      const parsed = telnyxRecordSchema.safeParse(record);
      if (parsed.success) return mapTelnyxCall(parsed.data, phone, record);
      const id = (record as { id?: unknown } | null)?.id;
      return unreadableRecord(providerName, record, {
        id: typeof id === 'string' && id !== '' ? id : undefined,
        issues: parsed.error.issues.map((issue) => ({
          path: `data[${index}]${issue.path.length > 0 ? `.${formatIssuePath(issue.path)}` : ''}`,
          message: issue.message,
        })),
      });
    }),
  };
}

const search = (
  http: HttpClient,
  endpoint: string,
  query: Record<string, string | number>,
  signal: AbortSignal | undefined,
) =>
  http.requestJson({
    method: 'GET',
    path: listPath,
    endpoint,
    query,
    signal,
    interpret: interpretTelnyxResponse,
  });

function recordTypeSource(
  { http, phone }: { http: HttpClient; phone: PhoneNormalizer },
  recordType: string,
  pageSize: number,
): PageNumberSource {
  const endpoint = `GET ${listPath} (${recordType})`;
  return {
    paging: 'page-number',
    endpoint,
    directions: ['inbound', 'outbound', 'unknown'],
    statuses: ['answered', 'missed', 'failed', 'unknown'],
    pageSize,
    fetchPage: async ({ window, page, signal }) =>
      readPage(
        await search(
          http,
          endpoint,
          {
            'filter[record_type]': recordType,
            'filter[started_at][gte]': isoSecond(window.from.getTime()),
            'filter[started_at][lt]': isoSecond(window.to.getTime() + 1000),
            sort: 'started_at',
            'page[size]': pageSize,
            'page[number]': page,
          },
          signal,
        ),
        phone,
        endpoint,
      ),
  };
}

/** `createTelnyx` with settings already checked: the descriptor's accounts, parsed once. */
export function telnyxProviderOf(settings: TelnyxSettings): CallProvider {
  const pageSize = settings.pageSize ?? telnyxMaxPageSize;
  const recordTypes = settings.recordTypes ?? telnyxVoiceRecordTypes;
  return createCallProvider({
    provider: providerName,
    package: telnyxPackage,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? defaultTelnyxBaseUrl,
    secrets: [settings.apiKey],
    headers: { authorization: `Bearer ${settings.apiKey}` },
    // Telnyx numbers arrive in E.164: a region matters only for the odd national number.
    settings: { ...settings, defaultRegion: settings.defaultRegion ?? 'US' },
    // 50 ms, as Plivo and Vonage: the kit's limiter counts each request until a second after
    // its answer, so one that reaches Telnyx late still falls outside the second before it;
    // the margin is for a provider whose clock or windows are coarser than ours.
    defaultRateLimit: { ...telnyxRateLimit, safetyMarginMs: 50 },
    sources: (context) => recordTypes.map((type) => recordTypeSource(context, type, pageSize)),
    // No `/detail_records/{id}`: a search on `filter[id]` per record type (inferred: "any
    // record attribute can be filtered"), the first record found wins.
    getCall: {
      idPattern: uuidPattern,
      idDescription: 'a detail record id (a UUID)',
      fetch: async (id, { http, phone }, signal) => {
        for (const recordType of recordTypes) {
          const endpoint = `GET ${listPath} (${recordType}, by id)`;
          let body: unknown;
          try {
            body = await search(
              http,
              endpoint,
              { 'filter[record_type]': recordType, 'filter[id]': id, 'page[size]': 1 },
              signal,
            );
          } catch (error) {
            if (error instanceof NotFoundError) continue;
            throw error;
          }
          const page = parseResponse(telnyxPageSchema, body, { provider: providerName, endpoint });
          const record = page.data.find((item) => (item as { id?: unknown } | null)?.id === id);
          if (record === undefined) continue;
          return mapTelnyxCall(
            parseResponse(telnyxRecordSchema, record, { provider: providerName, endpoint }),
            phone,
            record,
          );
        }
        return null;
      },
    },
  });
}
