import {
  type Call,
  type CallProvider,
  type CallProviderCapabilities,
  formatZonedDateTime,
  type GetCallOptions,
  INDIA_TIME_ZONE,
  InvalidRequestError,
  type ListCallsQuery,
  type RateLimiter,
  ResponseValidationError,
} from '@cdr/core';
import {
  assertListQuerySupported,
  BoundedChannel,
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
  scrubError,
  type TransportOptions,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { CallNotAvailableYetError } from './call-not-available-yet-error.js';
import { mapOzonetelCall, unreadableFieldError } from './map-ozonetel-call.js';
import { implausibleStart } from './ozonetel-call-window.js';
import { interpretOzonetelResponse, ozonetelMessages } from './ozonetel-error.js';
import {
  mapOzonetelReportRecord,
  ReportRecordIssue,
  readOzonetelReportRecord,
} from './ozonetel-report-record.js';
import {
  OzonetelReportsClient,
  type OzonetelReportsSettings,
  ozonetelReportsRetentionDays,
  reportsSettingsSchema,
  splitIntoIstDays,
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
// Calls parsed ahead of the consumer, at most, per listing.
const bufferedCalls = 16;

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

  const reports = new OzonetelReportsClient({
    provider: providerName,
    instance: name,
    baseUrl: settings.baseUrl ?? defaultOzonetelBaseUrl,
    userName: settings.userName,
    apiKey: settings.apiKey,
    settings: settings.reports,
    transport: settings.transport,
    now: settings.now ?? (() => new Date()),
  });
  const reportsEndpoint = `GET ${reports.path}`;
  const capabilities: CallProviderCapabilities = {
    listCalls: {
      directions: [...ozonetelListingCapability.directions],
      statuses: [...ozonetelListingCapability.statuses],
      retentionDays: ozonetelListingCapability.retentionDays,
    },
    getCall: true,
  };

  /**
   * One IST day per request, oldest first, each body streamed: a call is handed on as soon
   * as its record is parsed, with at most `bufferedCalls` waiting for the consumer.
   */
  async function* listCalls(query: ListCallsQuery): AsyncGenerator<Call, void, undefined> {
    assertListQuerySupported({ provider: providerName, name, capabilities }, query);
    const from = new Date(query.from);
    const to = new Date(query.to);
    const now = context.now();
    const oldest = now.getTime() - ozonetelReportsRetentionDays * 86_400_000;
    if (from.getTime() < oldest) {
      throw invalid(
        `the reports API serves the last ${ozonetelReportsRetentionDays} days: a window from ${from.toISOString()} starts before ${new Date(oldest).toISOString()}`,
      );
    }
    // "fromDate and toDate should not be future dates": nothing later than now is asked for.
    const days = splitIntoIstDays(from, new Date(Math.min(to.getTime(), now.getTime())));
    const { direction, status } = query;
    const controller = new AbortController();
    const signal = query.signal
      ? AbortSignal.any([query.signal, controller.signal])
      : controller.signal;
    const where = { ...who, endpoint: reportsEndpoint };
    const { onEvent } = context;
    try {
      for (const day of days) {
        const channel = new BoundedChannel<Call>(bufferedCalls);
        // A body cut short is asked for again from its start: skip what was handed on.
        const seen = new Set<string>();
        const producer = reports
          .fetchDay(
            day,
            async (raw, index) => {
              const checked = readOzonetelReportRecord(raw);
              if (checked instanceof ReportRecordIssue) {
                const path = `details[${index}].${checked.path}`;
                throw new ResponseValidationError({
                  ...where,
                  issues: [{ path, message: checked.message }],
                  message: `unexpected response shape at ${path}`,
                });
              }
              const call = mapOzonetelReportRecord(
                checked.record,
                context.phone,
                raw,
                checked.callId,
              );
              if (typeof call === 'string')
                throw unreadableFieldError(call, {
                  endpoint: reportsEndpoint,
                  instance: name,
                  at: `details[${index}]`,
                });
              checkCall(call, where);
              if (seen.has(call.id)) return;
              seen.add(call.id);
              const startedAt = call.startedAt.getTime();
              if (startedAt < from.getTime() || startedAt > to.getTime()) {
                onEvent?.({
                  type: 'record-dropped',
                  ...where,
                  id: call.id,
                  reason: 'outside-window',
                  startedAt: call.startedAt,
                });
                return;
              }
              if (direction !== undefined && call.direction !== direction) return;
              if (status !== undefined && call.status !== status) return;
              await channel.push(context.redactor.scrub(call), signal);
            },
            signal,
          )
          .then(
            () => channel.close(),
            (error: unknown) => channel.fail(error),
          );
        for await (const call of channel) yield call;
        await producer;
      }
    } catch (error) {
      if (query.signal?.aborted && error === query.signal.reason) throw error;
      throw reports.scrub(scrubError(error, context.redactor));
    } finally {
      controller.abort();
    }
  }

  return createCallProvider<
    Pick<
      OzonetelProvider,
      | 'lookupCall'
      | 'lookupCalls'
      | 'rateLimiter'
      | 'reportsRateLimiter'
      | 'listCalls'
      | 'capabilities'
      | 'close'
    >
  >({
    provider: providerName,
    name,
    baseUrl: settings.baseUrl ?? defaultOzonetelBaseUrl,
    secrets: [settings.apiKey],
    settings,
    defaultRateLimit: { limit: 50, intervalMs: 60_000, safetyMarginMs: 250 },
    getCall: {
      assertId: (ucid) => assertUcid(ucid, { instance: name }),
      fetch: async (ucid, _context, signal) => {
        const result = await lookupCall(ucid, signal ? { signal } : {});
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
    extend: (kitContext, kitProvider) => {
      context = kitContext;
      const closeKit = kitProvider.close;
      return {
        capabilities,
        listCalls: (query) => listCalls(query),
        close: async () => {
          await Promise.all([closeKit?.(), reports.close()]);
        },
        rateLimiter: kitContext.rateLimiter,
        reportsRateLimiter: reports.rateLimiter,
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
