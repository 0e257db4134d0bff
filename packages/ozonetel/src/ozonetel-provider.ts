import {
  assertListQuerySupported,
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type Call,
  type CallProvider,
  type CountryCode,
  createPhoneNormalizer,
  formatZonedDateTime,
  type GetCallOptions,
  HttpClient,
  type HttpClientOptions,
  INDIA_TIME_ZONE,
  InvalidRequestError,
  mapConcurrent,
  parseResponse,
  RateLimiter,
  ResponseValidationError,
  Secret,
} from '@cdr/core';
import { mapOzonetelCall, unreadableFieldError } from './map-ozonetel-call.js';
import {
  CallNotAvailableYetError,
  interpretOzonetelResponse,
  ozonetelMessages,
} from './ozonetel-error.js';
import { ozonetelResponseSchema } from './ozonetel-schemas.js';
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

export type OzonetelTransportOptions = Omit<
  HttpClientOptions,
  'provider' | 'baseUrl' | 'secrets' | 'rateLimiter'
>;

export interface OzonetelSettings {
  /** The CloudAgent account name (`userName`). */
  userName: string;
  /** The CloudAgent API key (`apiKey`). */
  apiKey: string;
  /** This instance's name in a client. Default `ozonetel`. */
  name?: string;
  /** Default `https://in1-ccaas-api.ozonetel.com`; `https://api.ccaas.ozonetel.com` outside India. */
  baseUrl?: string;
  /** Method and path of the CDR call; see `defaultOzonetelCdrEndpoint`. */
  endpoint?: Partial<OzonetelCdrEndpoint>;
  /**
   * The account's budget: 50 requests a minute by default, as documented. Pass one
   * `RateLimiter` to every provider of one account to share it, or `false` to not limit.
   */
  rateLimit?: RateLimiter | { limit: number; intervalMs: number } | false;
  /** Region for numbers written without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
  /** The clock, injectable for tests. Default `() => new Date()`. */
  now?: () => Date;
  transport?: OzonetelTransportOptions;
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

export interface OzonetelProvider extends CallProvider {
  /** Looks a call up by UCID, choosing the store from the IST clock (see README). */
  lookupCall(ucid: string, options?: LookupOptions): Promise<LookupResult>;
  /**
   * Looks up many UCIDs within the rate budget, results in input order. A UCID that fails
   * is reported as `status: 'failed'` and the rest go on.
   */
  lookupCalls(
    ucids: Iterable<string> | AsyncIterable<string>,
    options?: Omit<LookupOptions, 'startedAt'> & { concurrency?: number },
  ): AsyncIterable<BatchLookupResult>;
  /** The rate limiter in use, to share with other instances of the account. */
  readonly rateLimiter: RateLimiter | undefined;
}

const providerName = 'ozonetel';
const numericPattern = /^\d+$/;
const noDataPattern = /^No Data Found/i;

function invalid(message: string) {
  return new InvalidRequestError({ provider: providerName, message });
}

/** Creates an Ozonetel CloudAgent provider for one account. */
export function createOzonetel(settings: OzonetelSettings): OzonetelProvider {
  if (typeof settings.userName !== 'string' || settings.userName.trim() === '')
    throw invalid(ozonetelMessages.userNameEmpty);
  if (typeof settings.apiKey !== 'string' || settings.apiKey.trim() === '')
    throw invalid(ozonetelMessages.apiKeyEmpty);
  const apiKey = new Secret(settings.apiKey);
  const endpoint = { ...defaultOzonetelCdrEndpoint, ...settings.endpoint };
  const label = `${endpoint.method} ${endpoint.path}`;
  const rateLimiter =
    settings.rateLimit === false
      ? undefined
      : settings.rateLimit instanceof RateLimiter
        ? settings.rateLimit
        : new RateLimiter({
            ...(settings.rateLimit ?? { limit: 50, intervalMs: 60_000 }),
            safetyMarginMs: 250,
          });
  const rateLimitWindowMs = rateLimiter?.intervalMs ?? 60_000;
  const http = new HttpClient({
    ...settings.transport,
    provider: providerName,
    baseUrl: settings.baseUrl ?? defaultOzonetelBaseUrl,
    secrets: [apiKey],
    rateLimiter,
  });
  const normalize = createPhoneNormalizer({ defaultRegion: settings.defaultRegion ?? 'IN' });
  const now = settings.now ?? (() => new Date());

  async function fetchFrom(
    ucid: string,
    reportType: ReportType,
    signal: AbortSignal | undefined,
  ): Promise<Call | null> {
    const parameters = { userName: settings.userName, apiKey: apiKey.reveal(), ucid, reportType };
    const body = await http.requestJson({
      method: endpoint.method,
      path: endpoint.path,
      endpoint: label,
      ...(endpoint.method === 'GET' ? { query: parameters } : { json: parameters }),
      signal,
      interpret: (context) => interpretOzonetelResponse(context, rateLimitWindowMs),
    });
    const parsed = parseResponse(ozonetelResponseSchema, body, {
      provider: providerName,
      endpoint: label,
    });
    if (typeof parsed.message === 'string') {
      if (noDataPattern.test(parsed.message)) return null;
      throw new ResponseValidationError({
        provider: providerName,
        endpoint: label,
        issues: [{ path: 'message', message: `unexpected message "${parsed.message}"` }],
        message: `unexpected answer: ${parsed.message}`,
      });
    }
    const found = parsed.message.findIndex((candidate) => candidate.monitorUCID === ucid);
    const index = found === -1 ? 0 : found;
    const record = parsed.message[index];
    if (!record) return null;
    const received = (body as { message: unknown[] }).message[index];
    const mapped = mapOzonetelCall(record, normalize, received);
    if (typeof mapped === 'string') {
      throw unreadableFieldError(record, mapped, { endpoint: label, at: `message[${index}]` });
    }
    return mapped;
  }

  async function lookupCall(ucid: string, options: LookupOptions = {}): Promise<LookupResult> {
    options.signal?.throwIfAborted();
    if (typeof ucid !== 'string' || ucid.trim() === '') throw invalid(ozonetelMessages.ucidEmpty);
    if (!numericPattern.test(ucid)) throw invalid(ozonetelMessages.ucidNotNumeric);
    if (options.reportType !== undefined && !reportTypes.includes(options.reportType)) {
      throw invalid(ozonetelMessages.invalidReportType);
    }
    const clock = now();
    if (options.startedAt && isBeyondRetention(clock, options.startedAt)) {
      throw invalid(
        `Ozonetel keeps calls for ${retentionDays} days; ${options.startedAt.toISOString()} is older`,
      );
    }
    const plan = options.reportType
      ? { reportTypes: [options.reportType] }
      : planReportTypes(clock, options.startedAt);
    for (const reportType of plan.reportTypes) {
      const call = await fetchFrom(ucid, reportType, options.signal);
      if (call) return { status: 'found', call };
    }
    if ('availableAt' in plan && plan.availableAt)
      return { status: 'not-available-yet', availableAt: plan.availableAt };
    return { status: 'not-found' };
  }

  const provider: OzonetelProvider = {
    specificationVersion: CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: providerName,
    name: settings.name ?? providerName,
    capabilities: { listCalls: false, getCall: true },
    rateLimiter,
    listCalls(query) {
      // This API has no listing by window: the capability says so, and iterating throws
      // the UnsupportedError that names what it can do, before any request.
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            assertListQuerySupported(provider, query);
            return { done: true, value: undefined };
          },
        }),
      };
    },
    async getCall(ucid, options) {
      const result = await lookupCall(ucid, options);
      if (result.status === 'found') return result.call;
      if (result.status === 'not-found') return null;
      throw new CallNotAvailableYetError({
        provider: providerName,
        endpoint: label,
        availableAt: result.availableAt,
        message: `call ${ucid} is migrating to the historical store; readable from ${formatZonedDateTime(result.availableAt, INDIA_TIME_ZONE)} IST`,
      });
    },
    lookupCall,
    lookupCalls(ucids, options = {}) {
      const { concurrency, ...lookupOptions } = options;
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
        { concurrency: concurrency ?? 4, signal: options.signal },
      );
    },
    close: () => http.close(),
  };
  return provider;
}
