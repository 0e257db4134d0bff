import { type CallProvider, NotFoundError, ProviderError } from '@cdr/core';
import {
  baseUrlSetting,
  type CursorPage,
  type CursorSource,
  createCallProvider,
  credentialSetting,
  formatIssuePath,
  type HttpClient,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
  unreadableRecord,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { aircallResponseInterpreter } from './aircall-error.js';
import { aircallPackage } from './aircall-package.js';
import {
  aircallCallEnvelopeSchema,
  aircallCallSchema,
  aircallPageSchema,
} from './aircall-schemas.js';
import { type AircallMappingOptions, mapAircallCall } from './map-aircall-call.js';

export const defaultAircallBaseUrl = 'https://api.aircall.io';
/** The largest `per_page` (confirmed; larger values are clamped silently). */
export const aircallMaxPageSize = 50;
/** Records any one query can reach, however it pages (confirmed: 10,000). */
export const aircallMaxRecordsPerQuery = 10_000;
/** Six months of history (inferred; the exact edge is unknown): 180 days. */
export const aircallRetentionDays = 180;
/** 60 requests a minute per company: the lower of the two published figures (inferred). */
export const aircallDefaultRateLimit = { limit: 60, intervalMs: 60_000 };
const providerName = 'aircall';
const listPath = '/v1/calls';
const listEndpoint = `GET ${listPath}`;

export interface AircallSettings extends ProviderKitSettings {
  /** The API ID of an API key (the Basic username), with `apiToken`. */
  apiId?: string | undefined;
  /** The API token of that key (the Basic password). */
  apiToken?: string | undefined;
  /** An OAuth access token (partner apps), instead of `apiId` and `apiToken`. */
  accessToken?: string | undefined;
  /** Another host: a simulator, a proxy. Default `https://api.aircall.io`. */
  baseUrl?: string | undefined;
  /** Calls per page, 1 to 50. Default 50. */
  pageSize?: number | undefined;
  /** Records one query can reach before Aircall refuses the page (default 10,000). */
  maxRecordsPerQuery?: number | undefined;
  /** How far back Aircall serves calls, in days (default 180; inferred "six months"). */
  retentionDays?: number | undefined;
  /**
   * The `token` Aircall gave the company's webhook: checks its pushes (`cdr receive`); not
   * used to list calls.
   */
  webhookToken?: string | undefined;
  /** The currency of the deprecated `cost` (cents): default `'USD'` (inferred); `false` to omit. */
  costCurrency?: AircallMappingOptions['costCurrency'];
}

const settingsSchema = z
  .strictObject({
    ...providerSettingsShape,
    apiId: credentialSetting('an API ID').optional(),
    apiToken: credentialSetting('an API token').optional(),
    accessToken: credentialSetting('an OAuth access token').optional(),
    webhookToken: credentialSetting('a webhook token').optional(),
    baseUrl: baseUrlSetting.optional(),
    pageSize: z.number().int().min(1).max(aircallMaxPageSize).optional(),
    maxRecordsPerQuery: z.number().int().min(1).optional(),
    retentionDays: z.number().int().min(1).optional(),
    costCurrency: z
      .union([
        z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD'),
        z.literal(false),
      ])
      .optional(),
  })
  .superRefine((settings, context) => {
    const basic = settings.apiId !== undefined || settings.apiToken !== undefined;
    if (basic && (settings.apiId === undefined || settings.apiToken === undefined))
      context.addIssue({
        code: 'custom',
        path: [settings.apiId === undefined ? 'apiId' : 'apiToken'],
        message: 'an API key needs both its API ID (apiId) and its API token (apiToken)',
      });
    if (basic === (settings.accessToken !== undefined))
      context.addIssue({
        code: 'custom',
        path: ['accessToken'],
        message: 'give either apiId with apiToken, or accessToken (exactly one of them)',
      });
  });

/** Checks settings (strictly) without creating a provider: an `InvalidRequestError` naming the problem. */
export function parseAircallSettings(
  input: unknown,
  what = 'createAircall settings',
): AircallSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as AircallSettings;
}

/** A window of epoch ms, both ends inclusive. */
interface Span {
  from: number;
  to: number;
}

/** Where a chain is: the window being paged, its next page, and the windows still to walk. */
interface AircallCursor {
  window: Span;
  page: number;
  rest: readonly Span[];
}

/**
 * The calls of an account as the kit's cursor source. Aircall pages by number, but no query
 * reaches past its 10,000th record: each (sub-)window is read by page from its first page,
 * whose `meta.total` says whether the window fits; one that does not is halved (and halved
 * again) before any deeper page is asked for, and the halves are walked in turn. A window of
 * one second that still does not fit is an error, never a silent cut.
 */
function aircallCallSource(
  http: HttpClient,
  read: (record: unknown, index: number) => ReturnType<typeof mapAircallCall>,
  interpret: ReturnType<typeof aircallResponseInterpreter>,
  { pageSize, maxRecords }: { pageSize: number; maxRecords: number },
): CursorSource<AircallCursor> {
  const reachable = Math.floor(maxRecords / pageSize) * pageSize;

  async function fetchPage(window: Span, page: number, signal: AbortSignal) {
    // Aircall filters `started_at` in whole seconds, `from` exclusive and `to` inclusive
    // (inferred from a probe): asking one second more on each side holds whatever the bounds
    // are, and the calls outside the window are dropped here.
    const body = await http.requestJson({
      method: 'GET',
      path: listPath,
      endpoint: listEndpoint,
      query: {
        from: Math.ceil(window.from / 1000) - 1,
        to: Math.floor(window.to / 1000) + 1,
        order: 'asc',
        per_page: pageSize,
        page,
      },
      signal,
      interpret,
    });
    const parsed = parseResponse(aircallPageSchema, body, {
      provider: providerName,
      endpoint: listEndpoint,
    });
    const calls = parsed.calls.map(read).filter((call) => {
      const at = call.startedAt.getTime();
      // An unreadable start is kept for the kit to reject by name.
      return Number.isNaN(at) || (at >= window.from && at <= window.to);
    });
    const more = parsed.meta.next_page_link !== null && parsed.calls.length > 0;
    // A full page with no next one before the stated total: the API stopped early (a cap
    // this client was not told of). An error, never a listing cut short without a word.
    if (!more && parsed.calls.length === pageSize && page * pageSize < parsed.meta.total)
      throw new ProviderError({
        provider: providerName,
        endpoint: listEndpoint,
        message: `Aircall ended the listing at record ${page * pageSize} of ${parsed.meta.total} (from ${new Date(window.from).toISOString()}): is maxRecordsPerQuery right?`,
      });
    return { calls, total: parsed.meta.total, more };
  }

  async function walk(
    windows: readonly Span[],
    signal: AbortSignal,
  ): Promise<CursorPage<AircallCursor>> {
    const pending = [...windows];
    for (let window = pending.shift(); window !== undefined; window = pending.shift()) {
      const first = await fetchPage(window, 1, signal);
      if (first.total > reachable) {
        if (window.to - window.from < 1000)
          throw new ProviderError({
            provider: providerName,
            endpoint: listEndpoint,
            message: `more than ${reachable} calls start within one second (${new Date(window.from).toISOString()}): Aircall serves no more than ${maxRecords} records per query, so the rest cannot be listed`,
          });
        // Halve on a whole second, so that neither half asks for the same second twice.
        const middle = Math.floor((window.from + (window.to - window.from) / 2) / 1000) * 1000 - 1;
        const split = Math.max(window.from, Math.min(middle, window.to - 1));
        pending.unshift({ from: window.from, to: split }, { from: split + 1, to: window.to });
        continue;
      }
      return { calls: first.calls, next: next(window, 1, first.more, pending) };
    }
    return { calls: [] };
  }

  function next(
    window: Span,
    page: number,
    more: boolean,
    rest: readonly Span[],
  ): AircallCursor | undefined {
    if (more) {
      // The total said the window fits; a window that grew past the cap while it was listed
      // is an error rather than a listing cut short.
      if ((page + 1) * pageSize > maxRecords)
        throw new ProviderError({
          provider: providerName,
          endpoint: listEndpoint,
          message: `the window from ${new Date(window.from).toISOString()} grew past Aircall's ${maxRecords}-record limit while it was listed: list it again`,
        });
      return { window, page: page + 1, rest };
    }
    const [following, ...others] = rest;
    return following ? { window: following, page: 1, rest: others } : undefined;
  }

  return {
    paging: 'cursor',
    endpoint: listEndpoint,
    directions: ['inbound', 'outbound', 'unknown'],
    statuses: ['answered', 'missed', 'unknown'],
    // Aircall filters by whole seconds.
    slicing: { minimumMs: 1000 },
    pageSize,
    fetchFirst: ({ window, signal }) =>
      walk([{ from: window.from.getTime(), to: window.to.getTime() }], signal),
    async fetchNext(cursor, { signal }) {
      if (cursor.page === 1) return walk([cursor.window, ...cursor.rest], signal);
      const page = await fetchPage(cursor.window, cursor.page, signal);
      return { calls: page.calls, next: next(cursor.window, cursor.page, page.more, cursor.rest) };
    },
  };
}

/**
 * An Aircall company as a cdr provider: its calls listed from `GET /v1/calls` by start time
 * (UNIX seconds), oldest first, windows halved where they pass the 10,000-record cap, with
 * the kit's time slicing for concurrency; one call by id from `GET /v1/calls/{id}`.
 */
export function createAircall(input: AircallSettings): CallProvider {
  return aircallProviderOf(parseAircallSettings(input));
}

/** `createAircall` with settings already checked: the descriptor's accounts, parsed once. */
export function aircallProviderOf(settings: AircallSettings): CallProvider {
  const pageSize = settings.pageSize ?? aircallMaxPageSize;
  const maxRecords = settings.maxRecordsPerQuery ?? aircallMaxRecordsPerQuery;
  const secret = (settings.accessToken ?? settings.apiToken)!;
  const authorization = settings.accessToken
    ? `Bearer ${settings.accessToken}`
    : `Basic ${Buffer.from(`${settings.apiId}:${settings.apiToken}`).toString('base64')}`;
  const mapping = { costCurrency: settings.costCurrency };

  return createCallProvider({
    provider: providerName,
    package: aircallPackage,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? defaultAircallBaseUrl,
    secrets: [secret, ...(settings.webhookToken ? [settings.webhookToken] : [])],
    headers: { authorization },
    // Aircall writes numbers internationally (`+1 617-610-5413`): the region is a fallback.
    settings: { ...settings, defaultRegion: settings.defaultRegion ?? 'US' },
    defaultRateLimit: { ...aircallDefaultRateLimit, safetyMarginMs: 1000 },
    retentionDays: settings.retentionDays ?? aircallRetentionDays,
    sources: ({ http, phone, now }) => {
      const read = (record: unknown, index: number) => {
        const parsed = aircallCallSchema.safeParse(record);
        if (parsed.success) return mapAircallCall(parsed.data, phone, record, mapping);
        const id = (record as { id?: unknown } | null)?.id;
        return unreadableRecord(providerName, record, {
          id:
            typeof id === 'number' || (typeof id === 'string' && id !== '')
              ? String(id)
              : undefined,
          issues: parsed.error.issues.map((issue) => ({
            path: `calls[${index}]${issue.path.length > 0 ? `.${formatIssuePath(issue.path)}` : ''}`,
            message: issue.message,
          })),
        });
      };
      return [
        aircallCallSource(http, read, aircallResponseInterpreter(now), { pageSize, maxRecords }),
      ];
    },
    getCall: {
      idPattern: /^\d{1,19}$/,
      idDescription: 'an Aircall call id (digits)',
      fetch: async (id, { http, phone, now }, signal) => {
        const endpoint = 'GET /v1/calls/{id}';
        let body: unknown;
        try {
          body = await http.requestJson({
            method: 'GET',
            path: `${listPath}/${id}`,
            endpoint,
            signal,
            interpret: aircallResponseInterpreter(now),
          });
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
        const { call } = parseResponse(aircallCallEnvelopeSchema, body, {
          provider: providerName,
          endpoint,
        });
        const record = parseResponse(aircallCallSchema, call, { provider: providerName, endpoint });
        return mapAircallCall(record, phone, call, mapping);
      },
    },
  });
}
