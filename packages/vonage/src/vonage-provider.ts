import { type CallProvider, NotFoundError, ResponseValidationError } from '@cdr/core';
import {
  baseUrlSetting,
  type CursorPage,
  type CursorSource,
  createCallProvider,
  credentialSetting,
  formatIssuePath,
  type HttpClient,
  type PhoneNormalizer,
  type ProviderContext,
  type ProviderKitSettings,
  parseCurrencyCode,
  parseOptions,
  parseResponse,
  providerSettingsShape,
  TokenManager,
  unreadableRecord,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { defaultVonageCurrency, mapVonageCall } from './map-vonage-call.js';
import {
  defaultVonageTokenLifetimeSeconds,
  readPrivateKey,
  signVonageApplicationJwt,
} from './vonage-application-jwt.js';
import { interpretVonageResponse } from './vonage-error.js';
import { vonagePageSchema, vonageRecordSchema } from './vonage-schemas.js';

/** The Voice API's global host; regional ones are `https://api-{us|eu|ap}.vonage.com`. */
export const defaultVonageBaseUrl = 'https://api.nexmo.com';
/** `page_size`: 1 to 100, default 10 (spec). */
export const vonageMaxPageSize = 100;
/** "15 HTTP GET / PUT / DELETE API requests per second" (Vonage support), per account (inferred). */
const vonageRateLimit = { limit: 15, intervalMs: 1000 };
/**
 * Legs are kept 2 days by default (`leg_persistence_time`, 1 to 31 days, set per
 * application); that `GET /v1/calls` stops listing them then is inferred.
 */
const defaultVonageRetentionDays = 2;
/** How long after its `iat` a signed webhook is accepted (inferred: the docs set none). */
export const defaultVonagePushToleranceSeconds = 300;
const providerName = 'vonage';
const listPath = '/v1/calls';
const listEndpoint = `GET ${listPath}`;
const getEndpoint = `GET ${listPath}/{uuid}`;

export interface VonageSettings extends ProviderKitSettings {
  /** The Vonage application's id: the `application_id` claim of every request's JWT. */
  applicationId: string;
  /** The application's RSA private key (PEM) that signs the RS256 JWTs. */
  privateKey: string;
  /** The account's signature secret (API settings): checks the HS256-signed webhooks. */
  signatureSecret?: string | undefined;
  /** Another host: a region (`https://api-eu.vonage.com`), a simulator, a proxy. */
  baseUrl?: string | undefined;
  /** Legs per page, 1 to 100. Default 100. */
  pageSize?: number | undefined;
  /** The currency of `price` (the record names none). Default `EUR`, as the webhook reference says. */
  currency?: string | undefined;
  /** The application's leg persistence time in days (1 to 31). Default 2, Vonage's default. */
  retentionDays?: number | undefined;
  /** The JWT lifetime in seconds (30 to 86,400). Default 900, as the official SDKs. */
  tokenLifetimeSeconds?: number | undefined;
  /** How old (by `iat`) a signed webhook may be, in seconds. Default 300. */
  pushToleranceSeconds?: number | undefined;
}

// Strict: an unknown or mistyped setting is an InvalidRequestError naming it, at creation.
const settingsSchema = z.strictObject({
  ...providerSettingsShape,
  applicationId: credentialSetting('an application id'),
  // Not `credentialSetting`: a PEM file ends with a newline, and is read as a whole.
  privateKey: z
    .string({ message: 'expected a PEM private key as a string' })
    .refine(
      (value) => readPrivateKey(value) !== undefined,
      'expected the application’s RSA private key in PEM (-----BEGIN PRIVATE KEY-----)',
    ),
  signatureSecret: credentialSetting('a signature secret').optional(),
  baseUrl: baseUrlSetting.optional(),
  pageSize: z.number().int().min(1).max(vonageMaxPageSize).optional(),
  currency: z
    .string()
    .refine((value) => parseCurrencyCode(value) === value, 'expected an ISO 4217 code such as EUR')
    .optional(),
  retentionDays: z.number().int().min(1).max(31).optional(),
  tokenLifetimeSeconds: z.number().int().min(30).max(86_400).optional(),
  pushToleranceSeconds: z.number().int().min(1).max(86_400).optional(),
});

/** Checks settings (strictly) without creating a provider: an `InvalidRequestError` naming the problem. */
export function parseVonageSettings(
  input: unknown,
  what = 'createVonage settings',
): VonageSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as VonageSettings;
}

/**
 * A Vonage application as a cdr provider: its call legs listed from `GET /v1/calls` by
 * `date_start`/`date_end`, following `_links.next`, with the kit's time slicing for
 * concurrency, and one leg by `GET /v1/calls/{uuid}`. Every request carries a fresh-enough
 * RS256 JWT of the application.
 */
export function createVonage(input: VonageSettings): CallProvider {
  return vonageProviderOf(parseVonageSettings(input));
}

// `date_start`/`date_end` are sent as the spec's example and the SDKs send them:
// `YYYY-MM-DDTHH:mm:ssZ`. Whether the bounds are inclusive is not documented: the window
// asked for is widened by a second at each end and the kit drops what falls outside it.
const utcSeconds = (ms: number) =>
  `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/** The `record_index` of a `next` link, relative (`/v1/calls?…`) or absolute, as a cursor. */
function nextIndex(href: string, current: number, endpoint: string): number {
  const url = new URL(href, 'http://vonage.invalid');
  const index = Number(url.searchParams.get('record_index') ?? Number.NaN);
  // Offset or page number (Vonage's own material says both, fact sheet §6): either way it
  // grows. Anything else would loop or skip: refused rather than followed.
  if (!Number.isSafeInteger(index) || index <= current)
    throw new ResponseValidationError({
      provider: providerName,
      endpoint,
      issues: [{ path: '_links.next.href', message: 'expected a larger record_index' }],
      message: `_links.next does not continue the listing: ${href.slice(0, 120)}`,
    });
  return index;
}

function readPage(
  body: unknown,
  current: number,
  phone: PhoneNormalizer,
  currency: string,
): CursorPage<number> {
  const page = parseResponse(vonagePageSchema, body, {
    provider: providerName,
    endpoint: listEndpoint,
  });
  const received = page._embedded?.calls ?? [];
  const next = page._links?.next?.href;
  return {
    calls: received.map((record, index) => {
      const parsed = vonageRecordSchema.safeParse(record);
      if (parsed.success) return mapVonageCall(parsed.data, phone, record, { currency });
      const uuid = (record as { uuid?: unknown } | null)?.uuid;
      return unreadableRecord(providerName, record, {
        id: typeof uuid === 'string' && uuid !== '' ? uuid : undefined,
        issues: parsed.error.issues.map((issue) => ({
          path: `_embedded.calls[${index}]${issue.path.length > 0 ? `.${formatIssuePath(issue.path)}` : ''}`,
          message: issue.message,
        })),
      });
    }),
    next:
      next === undefined || received.length === 0
        ? undefined
        : nextIndex(next, current, listEndpoint),
  };
}

/** `createVonage` with settings already checked: the descriptor's accounts, parsed once. */
export function vonageProviderOf(settings: VonageSettings): CallProvider {
  const pageSize = settings.pageSize ?? vonageMaxPageSize;
  const currency = settings.currency ?? defaultVonageCurrency;
  const privateKey = readPrivateKey(settings.privateKey)!;
  const lifetimeSeconds = settings.tokenLifetimeSeconds ?? defaultVonageTokenLifetimeSeconds;
  let tokens: TokenManager | undefined;
  // One token manager an instance: a JWT is signed here, no request, and reused until 30 s
  // before its `exp`.
  const tokensOf = (context: ProviderContext) => {
    tokens ??= new TokenManager({
      provider: providerName,
      endpoint: 'application JWT',
      lifetimeMs: lifetimeSeconds * 1000,
      now: context.now,
      issue: async () =>
        signVonageApplicationJwt({
          applicationId: settings.applicationId,
          privateKey,
          now: context.now(),
          lifetimeSeconds,
        }),
    });
    return tokens;
  };
  const get = (
    context: ProviderContext,
    http: HttpClient,
    path: string,
    query: Record<string, string | number> | undefined,
    signal: AbortSignal | undefined,
    endpoint: string,
  ) =>
    http.requestJson({
      method: 'GET',
      path,
      endpoint,
      ...(query ? { query } : {}),
      signal,
      bearer: { tokens: tokensOf(context) },
      interpret: interpretVonageResponse,
    });

  const source = (context: ProviderContext): CursorSource<number> => {
    // Links carry only page_size/record_index: the filters are sent again on every page,
    // with the index taken from the link (never computed: fact sheet §6).
    const query = (window: { from: Date; to: Date }, recordIndex: number) => ({
      date_start: utcSeconds(window.from.getTime() - 1000),
      date_end: utcSeconds(window.to.getTime() + 1000),
      page_size: pageSize,
      // The spec's default is asc, the observed one newest first: always sent. Oldest
      // first keeps offsets stable while new legs arrive after the window.
      order: 'asc',
      record_index: recordIndex,
    });
    const fetchAt = async (
      window: { from: Date; to: Date },
      recordIndex: number,
      signal: AbortSignal,
    ) =>
      readPage(
        await get(
          context,
          context.http,
          listPath,
          query(window, recordIndex),
          signal,
          listEndpoint,
        ),
        recordIndex,
        context.phone,
        currency,
      );
    return {
      paging: 'cursor',
      endpoint: listEndpoint,
      directions: ['inbound', 'outbound', 'unknown'],
      statuses: ['answered', 'missed', 'busy', 'failed', 'unknown'],
      // The API filters to the second.
      slicing: { minimumMs: 1000 },
      pageSize,
      fetchFirst: ({ window, signal }) => fetchAt(window, 0, signal),
      fetchNext: (cursor, { window, signal }) => fetchAt(window, cursor, signal),
    };
  };

  return createCallProvider({
    provider: providerName,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? defaultVonageBaseUrl,
    secrets: [settings.privateKey, ...(settings.signatureSecret ? [settings.signatureSecret] : [])],
    // Vonage numbers arrive in E.164 without the +; a region matters only for odd values.
    settings: { ...settings, defaultRegion: settings.defaultRegion ?? 'GB' },
    // The kit's limiter counts each request until a second after its answer, so however
    // late one reaches Vonage it cannot share a second with 15 others; 50 ms more for a
    // provider whose clock or windows are coarser than ours.
    defaultRateLimit: { ...vonageRateLimit, safetyMarginMs: 50 },
    retentionDays: settings.retentionDays ?? defaultVonageRetentionDays,
    sources: (context) => [source(context)],
    getCall: {
      // Leg ids are hyphenated UUIDs or 32 hex digits (inbound PSTN legs): not validated
      // further than what is safe in a path.
      idPattern: /^[A-Za-z0-9-]{1,64}$/,
      idDescription: 'a call leg uuid',
      fetch: async (id, context, signal) => {
        let body: unknown;
        try {
          body = await get(
            context,
            context.http,
            `${listPath}/${id}`,
            undefined,
            signal,
            getEndpoint,
          );
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
        const record = parseResponse(vonageRecordSchema, body, {
          provider: providerName,
          endpoint: getEndpoint,
        });
        return mapVonageCall(record, context.phone, body, { currency });
      },
    },
  });
}
