import {
  type Call,
  type CallProvider,
  type CallProviderCapabilities,
  formatZonedDateTime,
  type GetCallOptions,
  INDIA_TIME_ZONE,
  InvalidRequestError,
  type RateLimiter,
  ResponseValidationError,
} from '@cdr/core';
import {
  baseUrlSetting,
  checkCall,
  createCallProvider,
  integerOption,
  mapConcurrent,
  type ProviderContext,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
  type TransportOptions,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { CallNotAvailableYetError } from './call-not-available-yet-error.js';
import { mapOzonetelCall, unreadableFieldError } from './map-ozonetel-call.js';
import { implausibleStart } from './ozonetel-call-window.js';
import { interpretOzonetelResponse, ozonetelMessages } from './ozonetel-error.js';
import { ozonetelPackage } from './ozonetel-package.js';
import {
  defaultOzonetelReportsRateLimit,
  type OzonetelReportsSettings,
  ozonetelReportsRetentionDays,
  ozonetelReportsSafetyMarginMs,
  ozonetelReportsSource,
  reportsSettingsSchema,
} from './ozonetel-reports.js';
import { ozonetelResponseSchema } from './ozonetel-schemas.js';
import { assertUcid } from './ozonetel-ucid.js';
import {
  isBeyondRetention,
  planReportTypes,
  type ReportType,
  reportTypes,
  retentionDays,
} from './report-type.js';

export const defaultOzonetelBaseUrl = 'https://in1-ccaas-api.ozonetel.com';

export interface OzonetelCdrEndpoint {
  method: 'GET' | 'POST';
  path: string;
}

/**
 * Ozonetel's reference files "CDR in CallBacks" as `get_caservices-cdr-callbacks-php`:
 * a GET of `/CAServices/cdr/callBacks.php` with the parameters in the query string. The
 * path's casing is inferred, not confirmed, hence overridable.
 */
export const defaultOzonetelCdrEndpoint: OzonetelCdrEndpoint = {
  method: 'GET',
  path: '/CAServices/cdr/callBacks.php',
};

export type OzonetelTransportOptions = TransportOptions;

export interface OzonetelSettings extends ProviderKitSettings {
  /** The CloudAgent account name (`userName`). */
  userName: string;
  /** The CloudAgent API key (`apiKey`). */
  apiKey: string;
  /** Default `https://in1-ccaas-api.ozonetel.com`; `https://api.ccaas.ozonetel.com` outside India. */
  baseUrl?: string;
  /** Method and path of the CDR call; see `defaultOzonetelCdrEndpoint`. */
  endpoint?: Partial<OzonetelCdrEndpoint>;
  /** The `ca_reports` listing: token path, budget, body cap (see README). */
  reports?: OzonetelReportsSettings;
}

export interface LookupOptions extends GetCallOptions {
  /** When the call started, if known: one request instead of two, and the retention check. */
  startedAt?: Date;
  /** Overrides the automatic choice of store. */
  reportType?: ReportType;
}

/** The outcome of a lookup: found, known not to exist, or not readable until `availableAt`. */
export type LookupResult =
  | { status: 'found'; call: Call }
  | { status: 'not-found' }
  | { status: 'not-available-yet'; availableAt: Date };

export type BatchLookupResult =
  | ({ ucid: string } & LookupResult)
  | { ucid: string; status: 'failed'; error: unknown };

export interface BatchLookupOptions extends Omit<LookupOptions, 'startedAt'> {
  /** Lookups in flight at once, within the rate budget. Default 4. */
  concurrency?: number;
}

export interface OzonetelProvider extends CallProvider {
  /**
   * Fetches a call by UCID as `lookupCall` does (the same options: a `startedAt` hint
   * outside the 15-day retention is refused before any request): `null` when not found,
   * a `CallNotAvailableYetError` while it migrates between stores.
   */
  getCall(ucid: string, options?: LookupOptions): Promise<Call | null>;
  /** Looks a call up by UCID, choosing the store from the IST clock (see README). */
  lookupCall(ucid: string, options?: LookupOptions): Promise<LookupResult>;
  /**
   * Looks up many UCIDs within the rate budget, results in input order. A UCID that fails
   * is reported as `status: 'failed'` and the rest go on.
   */
  lookupCalls(
    ucids: Iterable<string> | AsyncIterable<string>,
    options?: BatchLookupOptions,
  ): AsyncIterable<BatchLookupResult>;
  /** The rate limiter in use, to share with other instances of the account. */
  readonly rateLimiter: ProviderContext['rateLimiter'];
  /** The reports API's limiter (2 a minute), to share with other instances of the account. */
  readonly reportsRateLimiter: RateLimiter | undefined;
}

/** What Ozonetel's reports API can list: both directions, every outcome it reports. */
export const ozonetelListingCapability = {
  directions: ['inbound', 'outbound'],
  statuses: ['answered', 'missed', 'busy', 'failed'],
  retentionDays: ozonetelReportsRetentionDays,
} as const satisfies Exclude<CallProviderCapabilities['listCalls'], false>;

const providerName = 'ozonetel';

const settingsSchema = z.strictObject({
  ...providerSettingsShape,
  // In Ozonetel's own words, as the API would refuse them.
  userName: z
    .string({ message: ozonetelMessages.userNameEmpty })
    .refine((value) => value.trim() !== '', ozonetelMessages.userNameEmpty),
  apiKey: z
    .string({ message: ozonetelMessages.apiKeyEmpty })
    .refine((value) => value.trim() !== '', ozonetelMessages.apiKeyEmpty),
  baseUrl: baseUrlSetting.optional(),
  endpoint: z
    .strictObject({
      method: z.enum(['GET', 'POST']).optional(),
      path: z
        .string()
        .regex(/^\/[\w./-]*$/, 'expected a path such as /CAServices/cdr/callBacks.php')
        .optional(),
    })
    .optional(),
  reports: reportsSettingsSchema.optional(),
});

const lookupOptionsSchema = z.strictObject({
  startedAt: z
    .date({ message: 'expected a Date' })
    .refine((date) => !Number.isNaN(date.getTime()), 'expected a valid Date')
    .optional(),
  reportType: z
    .enum(reportTypes as [ReportType, ...ReportType[]], {
      message: ozonetelMessages.invalidReportType,
    })
    .optional(),
  signal: z
    .custom<AbortSignal>((value) => value instanceof AbortSignal, {
      message: 'expected an AbortSignal',
    })
    .optional(),
});

const batchOptionsSchema = lookupOptionsSchema.omit({ startedAt: true }).extend({
  concurrency: integerOption(1, 64).optional(),
});

const noDataPattern = /^No Data Found/i;

/** Creates an Ozonetel CloudAgent provider for one account. */
/**
 * Checks settings as `createOzonetel` does (strictly) without creating a provider: for
 * tools that read accounts from a file.
 */
export function parseOzonetelSettings(
  input: unknown,
  what = 'createOzonetel settings',
): OzonetelSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as OzonetelSettings;
}

export function createOzonetel(input: OzonetelSettings): OzonetelProvider {
  const settings = parseOzonetelSettings(input);
  // The API's own words for what it will refuse, before anything is sent.
  const endpoint = { ...defaultOzonetelCdrEndpoint, ...settings.endpoint };
  const label = `${endpoint.method} ${endpoint.path}`;
  const name = settings.name ?? providerName;
  const who = { provider: providerName, instance: name };
  const invalid = (message: string) => new InvalidRequestError({ ...who, message });
  let context: ProviderContext;

  async function fetchFrom(
    ucid: string,
    reportType: ReportType,
    signal: AbortSignal | undefined,
  ): Promise<Call | null> {
    const { http, phone } = context;
    const rateLimitWindowMs = context.rateLimiter?.intervalMs ?? 60_000;
    const parameters = { userName: settings.userName, apiKey: settings.apiKey, ucid, reportType };
    const body = await http.requestJson({
      method: endpoint.method,
      path: endpoint.path,
      endpoint: label,
      ...(endpoint.method === 'GET' ? { query: parameters } : { json: parameters }),
      signal,
      interpret: (answer) => interpretOzonetelResponse(answer, rateLimitWindowMs),
    });
    const parsed = parseResponse(ozonetelResponseSchema, body, { ...who, endpoint: label });
    if (typeof parsed.message === 'string') {
      if (noDataPattern.test(parsed.message)) return null;
      throw new ResponseValidationError({
        ...who,
        endpoint: label,
        issues: [{ path: 'message', message: 'expected records or "No Data Found"' }],
        message: 'unexpected answer: neither records nor "No Data Found"',
      });
    }
    if (parsed.message.length === 0) return null;
    // The answer must be the call asked for: another UCID's record is never taken for it.
    const index = parsed.message.findIndex((candidate) => candidate.monitorUCID === ucid);
    if (index === -1) {
      throw new ResponseValidationError({
        ...who,
        endpoint: label,
        issues: [{ path: 'message[0].monitorUCID', message: 'expected the UCID asked for' }],
        message: `asked for UCID ${ucid}, the answer holds ${parsed.message
          .map((record) => record.monitorUCID)
          .slice(0, 3)
          .join(', ')}`,
      });
    }
    const record = parsed.message[index]!;
    const received = (body as { message: unknown[] }).message[index];
    const mapped = mapOzonetelCall(record, phone, received);
    if (typeof mapped === 'string') {
      throw unreadableFieldError(mapped, {
        endpoint: label,
        instance: name,
        at: `message[${index}]`,
      });
    }
    return mapped;
  }

  async function lookupCall(ucid: string, options: LookupOptions = {}): Promise<LookupResult> {
    const checked = parseOptions(lookupOptionsSchema, options, { what: 'lookup options', ...who });
    checked.signal?.throwIfAborted();
    assertUcid(ucid, { instance: name });
    const clock = context.now();
    if (checked.startedAt) {
      if (isBeyondRetention(clock, checked.startedAt))
        throw invalid(
          `Ozonetel keeps calls for ${retentionDays} days; ${checked.startedAt.toISOString()} is older`,
        );
      const implausible = implausibleStart(checked.startedAt, clock);
      if (implausible) throw invalid(`startedAt ${implausible}`);
    }
    const plan = checked.reportType
      ? { reportTypes: [checked.reportType] }
      : planReportTypes(clock, checked.startedAt);
    for (const reportType of plan.reportTypes) {
      const found = await fetchFrom(ucid, reportType, checked.signal);
      if (found) {
        // Checked and scrubbed as every Call the kit hands out is.
        checkCall(found, { ...who, endpoint: label });
        return { status: 'found', call: context.redactor.scrub(found) };
      }
    }
    if ('availableAt' in plan && plan.availableAt)
      return { status: 'not-available-yet', availableAt: plan.availableAt };
    return { status: 'not-found' };
  }

  return createCallProvider<
    Pick<OzonetelProvider, 'lookupCall' | 'lookupCalls' | 'rateLimiter' | 'reportsRateLimiter'>
  >({
    provider: providerName,
    package: ozonetelPackage,
    name,
    baseUrl: settings.baseUrl ?? defaultOzonetelBaseUrl,
    secrets: [settings.apiKey],
    settings,
    // The kit's limiter counts each lookup until a minute after its answer, however late it
    // reached Ozonetel; 50 ms more for a provider whose clock or windows are coarser.
    defaultRateLimit: { limit: 50, intervalMs: 60_000, safetyMarginMs: 50 },
    retentionDays: ozonetelReportsRetentionDays,
    rateLimits: {
      // Documented: 2 requests a minute for the reports API, with a margin so that two
      // clocks never see 3 in one minute.
      reports: {
        setting: settings.reports?.rateLimit,
        documented: {
          ...defaultOzonetelReportsRateLimit,
          safetyMarginMs: ozonetelReportsSafetyMarginMs,
        },
      },
    },
    sources: (kitContext) => [
      ozonetelReportsSource(
        {
          provider: providerName,
          instance: name,
          baseUrl: settings.baseUrl ?? defaultOzonetelBaseUrl,
          userName: settings.userName,
          apiKey: settings.apiKey,
          settings: settings.reports,
          now: kitContext.now,
        },
        { phone: kitContext.phone, rateLimiter: kitContext.rateLimiters.reports },
      ),
    ],
    getCall: {
      assertId: (ucid) => assertUcid(ucid, { instance: name }),
      fetch: async (ucid, _context, _signal, options) => {
        // The caller's options as given (a `startedAt` hint, a `reportType`), checked as
        // `lookupCall` checks them: the same answer, before any request.
        const result = await lookupCall(ucid, (options ?? {}) as LookupOptions);
        if (result.status === 'found') return result.call;
        if (result.status === 'not-found') return null;
        throw new CallNotAvailableYetError({
          ...who,
          endpoint: label,
          availableAt: result.availableAt,
          message: `call ${ucid} is migrating to the historical store; readable from ${formatZonedDateTime(result.availableAt, INDIA_TIME_ZONE)} IST`,
        });
      },
    },
    extend: (kitContext) => {
      context = kitContext;
      return {
        rateLimiter: kitContext.rateLimiter,
        reportsRateLimiter: kitContext.rateLimiters.reports,
        lookupCall,
        lookupCalls(ucids, options = {}) {
          const { concurrency, ...lookupOptions } = parseOptions(batchOptionsSchema, options, {
            what: 'lookup options',
            ...who,
          });
          return mapConcurrent(
            ucids,
            async (ucid, signal): Promise<BatchLookupResult> => {
              try {
                return { ucid, ...(await lookupCall(ucid, { ...lookupOptions, signal })) };
              } catch (error) {
                if (signal.aborted) throw error;
                return { ucid, status: 'failed', error };
              }
            },
            { concurrency: concurrency ?? 4, signal: lookupOptions.signal },
          );
        },
      };
    },
  });
}
