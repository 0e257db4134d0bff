import {
  formatZonedDateTime,
  INDIA_TIME_ZONE,
  MalformedResponseError,
  NotFoundError,
  RateLimitedError,
  type RateLimiter,
  ResponseValidationError,
} from '@cdr/core';
import {
  type HttpResponseContext,
  integerOption,
  type PhoneNormalizer,
  type RateLimitSetting,
  rateLimitSettingSchema,
  splitIntoZoneDays,
  TokenManager,
  type ZoneDay,
  type ZoneDaySource,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { unreadableFieldError } from './map-ozonetel-call.js';
import {
  mapOzonetelReportRecord,
  ReportRecordIssue,
  readOzonetelReportRecord,
} from './ozonetel-report-record.js';
import { isErrorStatus, ozonetelReportsError } from './ozonetel-reports-errors.js';
import { parseReportsBody } from './parse-reports-body.js';

/** `POST /ca_apis/CAToken/generateToken`, as NOTES gives it; a third-party reference writes `caToken`. */
export const defaultOzonetelTokenPath = '/ca_apis/CAToken/generateToken';
/** The other casing, tried once when the default answers 404 (only when `tokenPath` is not set). */
export const alternateOzonetelTokenPath = '/ca_apis/caToken/generateToken';
export const defaultOzonetelReportsPath = '/ca_reports/fetchCDRDetails';
/** Documented: a token is valid 60 minutes; at most 10 are issued an hour. */
export const ozonetelTokenLifetimeMs = 3_600_000;
export const ozonetelTokensPerHour = 10;
/** Documented: 2 requests a minute for the reports API. */
export const defaultOzonetelReportsRateLimit = { limit: 2, intervalMs: 60_000 } as const;
/** Margin added to the documented minute, so that two clocks never see 3 in one minute. */
export const ozonetelReportsSafetyMarginMs = 500;
/** Default cap on one day's body: streamed, so memory stays bounded whatever the cap. */
export const defaultOzonetelReportsMaxBodyBytes = 256 * 1024 * 1024;
/** Documented: one day per request, within the last 15 days. */
export const ozonetelReportsRetentionDays = 15;

const hourMs = 3_600_000;

export interface OzonetelReportsSettings {
  /** The token endpoint's path. Default `/ca_apis/CAToken/generateToken` (casing unconfirmed: see README). */
  tokenPath?: string | undefined;
  /** The day listing's path. Default `/ca_reports/fetchCDRDetails`. */
  path?: string | undefined;
  /** The reports budget: default 2 a minute; a `RateLimiter` to share it; `false` for none. */
  rateLimit?: RateLimitSetting | undefined;
  /** Largest body of one day accepted, in bytes. Default 256 MiB (the body is streamed). */
  maxBodyBytes?: number | undefined;
  /** How long a token is used. Default 60 minutes, as documented. */
  tokenLifetimeMs?: number | undefined;
  /** Most tokens fetched in any hour. Default 10, as documented. */
  tokensPerHour?: number | undefined;
}

const pathSchema = z
  .string()
  .regex(/^\/[\w./-]*$/, 'expected a path such as /ca_apis/CAToken/generateToken');

export const reportsSettingsSchema = z.strictObject({
  tokenPath: pathSchema.optional(),
  path: pathSchema.optional(),
  rateLimit: rateLimitSettingSchema.optional(),
  maxBodyBytes: integerOption(1, 2 ** 40).optional(),
  tokenLifetimeMs: integerOption(60_000, 86_400_000).optional(),
  tokensPerHour: integerOption(1, 1000).optional(),
});

/** One IST day of a window: the part of the window on that date, both ends inclusive. */
export type IstDay = ZoneDay;

/**
 * Splits a window into the IST calendar days it touches (the API takes one date per
 * request): a window from 22:00 to 02:00 IST is two requests, `22:00:00–23:59:59` and
 * `00:00:00–02:00:00`. The kit's `splitIntoZoneDays` in India's zone.
 */
export function splitIntoIstDays(from: Date, to: Date): IstDay[] {
  return splitIntoZoneDays(from, to, INDIA_TIME_ZONE);
}

/** What the reports listing of one account is built from. */
export interface ReportsSourceOptions {
  provider: string;
  instance: string;
  baseUrl: string;
  userName: string;
  apiKey: string;
  settings: OzonetelReportsSettings | undefined;
  now: () => Date;
}

/**
 * The bearer tokens of an account's reports API, shared by every instance of the account
 * in the process: a new token invalidates the previous one, so two instances with tokens
 * of their own would expire each other's in turn. Valid 60 minutes, at most 10 an hour;
 * the token path's casing is unconfirmed, so with none set a 404 tries the other once.
 */
function reportsTokens(options: ReportsSourceOptions, windowMs: number): TokenManager {
  const settings = options.settings ?? {};
  let tokenPath = settings.tokenPath ?? defaultOzonetelTokenPath;
  const chosen = settings.tokenPath !== undefined;
  const interpret = ({ body, provider, instance, endpoint }: HttpResponseContext) => {
    if (typeof body !== 'object' || body === null) return undefined;
    const { status, message } = body as { status?: unknown; message?: unknown };
    if (!isErrorStatus(status) || typeof message !== 'string') return undefined;
    return ozonetelReportsError(message, { provider, instance, endpoint }, windowMs);
  };
  return TokenManager.shared([options.baseUrl, options.userName, options.apiKey], () => {
    const tokens: TokenManager = new TokenManager({
      provider: options.provider,
      endpoint: `POST ${tokenPath}`,
      lifetimeMs: settings.tokenLifetimeMs ?? ozonetelTokenLifetimeMs,
      issuanceBudget: {
        limit: settings.tokensPerHour ?? ozonetelTokensPerHour,
        intervalMs: hourMs,
      },
      now: options.now,
      issue: async (client, signal) => {
        const send = (path: string) =>
          client.requestJson({
            method: 'POST',
            path,
            endpoint: `POST ${path}`,
            headers: { apiKey: options.apiKey },
            json: { userName: options.userName },
            // Tokens have their own budget (the manager's), not the CDR API's.
            rateLimiter: false,
            signal,
            interpret,
          });
        let body: unknown;
        try {
          body = await send(tokenPath);
        } catch (error) {
          if (!(error instanceof NotFoundError) || chosen) throw error;
          body = await send(alternateOzonetelTokenPath);
          tokenPath = alternateOzonetelTokenPath;
        }
        const token = (body as { token?: unknown } | undefined)?.token;
        if (typeof token !== 'string' || token.trim() === '') {
          throw new ResponseValidationError({
            provider: options.provider,
            instance: options.instance,
            endpoint: `POST ${tokenPath}`,
            issues: [{ path: 'token', message: 'expected a token' }],
            message: 'the token answer holds no token',
          });
        }
        return token;
      },
    });
    return tokens;
  });
}

/**
 * The `ca_reports` listing as a kit source: one request per IST day (nothing later than
 * now: "fromDate and toDate should not be future dates"), a bearer token from the
 * account's token manager, the reports budget, each body streamed with 17-digit `CallID`s
 * read exactly, and every record read in place and mapped.
 */
export function ozonetelReportsSource(
  options: ReportsSourceOptions,
  context: { phone: PhoneNormalizer; rateLimiter: RateLimiter | undefined },
): ZoneDaySource {
  const settings = options.settings ?? {};
  const path = settings.path ?? defaultOzonetelReportsPath;
  const endpoint = `GET ${path}`;
  const where = { provider: options.provider, instance: options.instance, endpoint };
  // No Retry-After is sent: a refusal is waited out for the budget's window.
  const windowMs = context.rateLimiter?.intervalMs ?? defaultOzonetelReportsRateLimit.intervalMs;
  const tokens = reportsTokens(options, windowMs);
  return {
    paging: 'zone-day',
    endpoint,
    directions: ['inbound', 'outbound'],
    statuses: ['answered', 'missed', 'busy', 'failed'],
    timeZone: INDIA_TIME_ZONE,
    notAfterNow: true,
    request: (day) => ({
      method: 'GET',
      path,
      endpoint,
      json: {
        fromDate: formatZonedDateTime(day.from, INDIA_TIME_ZONE),
        toDate: formatZonedDateTime(day.to, INDIA_TIME_ZONE),
        userName: options.userName,
      },
      bearer: { tokens },
      rateLimiter: context.rateLimiter ?? false,
      maxBytes: settings.maxBodyBytes ?? defaultOzonetelReportsMaxBodyBytes,
      interpret: ({ body, statusCode, provider, instance }) => {
        const { status, message } = (typeof body === 'object' && body !== null ? body : {}) as {
          status?: unknown;
          message?: unknown;
        };
        if (isErrorStatus(status) && typeof message === 'string')
          return ozonetelReportsError(message, { provider, instance, endpoint }, windowMs);
        if (statusCode === 429)
          return new RateLimitedError({
            provider,
            instance,
            endpoint,
            retryAfterMs: windowMs,
            message: 'HTTP 429: the reports budget is spent',
          });
        return undefined;
      },
    }),
    read: async (body, onRecord) => {
      let envelope: Awaited<ReturnType<typeof parseReportsBody>>;
      try {
        envelope = await parseReportsBody(body, onRecord);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new MalformedResponseError({
          ...where,
          message: `the response is not valid JSON: ${error.message}`,
        });
      }
      const { status, message } = envelope;
      // An error sent with HTTP 200 ("Token Expired" among them: the transport re-authenticates).
      if (isErrorStatus(status) && typeof message === 'string')
        throw ozonetelReportsError(message, where, windowMs);
      if (envelope.details) return;
      if (typeof message === 'string' && /^No Data Found/i.test(message)) return;
      throw new ResponseValidationError({
        ...where,
        issues: [{ path: 'details', message: 'expected an array of records' }],
        message: 'unexpected answer: no `details` array',
      });
    },
    map: (raw, index) => {
      const checked = readOzonetelReportRecord(raw);
      if (checked instanceof ReportRecordIssue) {
        const at = `details[${index}].${checked.path}`;
        throw new ResponseValidationError({
          ...where,
          issues: [{ path: at, message: checked.message }],
          message: `unexpected response shape at ${at}`,
        });
      }
      const call = mapOzonetelReportRecord(checked.record, context.phone, raw, checked.callId);
      if (typeof call === 'string')
        throw unreadableFieldError(call, {
          endpoint,
          instance: options.instance,
          at: `details[${index}]`,
        });
      return call;
    },
  };
}
