import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  AuthenticationError,
  type CallDirection,
  type CallStatus,
  InvalidRequestError,
} from '@cdr/core';
import { parseRfc2822, twilioDirections, twilioStatuses } from './map-twilio-call.js';

/** POST parameters as Twilio sends them: one value per name, or several (sorted and de-duplicated when signed). */
export type TwilioParams = URLSearchParams | Readonly<Record<string, string | readonly string[]>>;

function entries(params: TwilioParams | undefined): [string, string[]][] {
  if (params === undefined) return [];
  const grouped = new Map<string, string[]>();
  const pairs =
    params instanceof URLSearchParams
      ? [...params]
      : Object.entries(params).flatMap(([name, value]) =>
          (typeof value === 'string' ? [value] : [...value]).map((one) => [name, one] as const),
        );
  for (const [name, value] of pairs) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return [...grouped].map(([name, values]) => [name, [...new Set(values)].sort()]);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `X-Twilio-Signature`: Base64(HMAC-SHA1(key = Auth Token, data = the URL exactly as
 * configured + each POST parameter, sorted by name, as `name + value` with no separator;
 * an array parameter's values de-duplicated and sorted)), as twilio-node's `webhooks.ts`.
 */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params?: TwilioParams,
): string {
  let data = url;
  for (const [name, values] of entries(params).sort(([a], [b]) => byCodeUnit(a, b)))
    for (const value of values) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Equal in constant time: digests of both compared, so neither a prefix nor the length leaks. */
function same(received: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(received), digest(expected));
}

const defaultPorts: Record<string, string> = { 'https:': '443', 'http:': '80' };

/**
 * The URL as given, and with and without the scheme's default port: Twilio's signing is
 * inconsistent about the port, so the SDK accepts either (`getExpectedTwilioSignature`).
 */
export function twilioUrlVariants(url: string): string[] {
  const variants = [url];
  const match = /^(https?:)\/\/([^/?#:]+)(?::(\d+))?([^#]*)$/i.exec(url);
  if (match) {
    const [, scheme, host, port, rest] = match;
    const fallback = defaultPorts[scheme!.toLowerCase()];
    if (port === undefined && fallback) variants.push(`${scheme}//${host}:${fallback}${rest}`);
    if (port !== undefined && port === fallback) variants.push(`${scheme}//${host}${rest}`);
  }
  return variants;
}

/** Whether `signature` signs `url` and `params` with `authToken` (either port form of the URL). */
export function validateTwilioSignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params?: TwilioParams,
): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  let valid = false;
  // Every variant is computed and compared: the time does not say which one matched.
  for (const variant of twilioUrlVariants(url))
    valid = same(signature, computeTwilioSignature(authToken, variant, params)) || valid;
  return valid;
}

/**
 * A JSON (or other non-form) body: Twilio adds `bodySHA256` (hex SHA-256 of the body) to the
 * URL's query and signs the URL alone; both must hold (twilio-node `validateRequestWithBody`).
 */
export function validateTwilioSignatureWithBody(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  body: string,
): boolean {
  const query = url.indexOf('?');
  const expected = query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get('bodySHA256');
  if (!expected) return false;
  const actual = createHash('sha256').update(body, 'utf8').digest('hex');
  const signed = validateTwilioSignature(authToken, signature, url);
  return same(actual, expected.toLowerCase()) && signed;
}

/** A call status callback, checked and read. */
export interface TwilioStatusCallback {
  callSid: string;
  accountSid?: string | undefined;
  parentCallSid?: string | undefined;
  /** `CallStatus` as sent (`completed`, `no-answer`…), and as a Call status. */
  callStatus: string;
  status: CallStatus;
  /** `Direction` as sent (`inbound`, `outbound-dial`…), and as a Call direction. */
  rawDirection?: string | undefined;
  direction: CallDirection;
  from?: string | undefined;
  to?: string | undefined;
  /** `CallDuration`, seconds (on `completed`). */
  durationSeconds?: number | undefined;
  /** `Timestamp`, RFC 2822. */
  timestamp?: Date | undefined;
  /** `SequenceNumber`: callbacks of one call may arrive out of order; sort on it. */
  sequenceNumber?: number | undefined;
  recordingUrl?: string | undefined;
  /** Every parameter as received. */
  params: Readonly<Record<string, string>>;
}

/** A status callback request as a server received it. */
export interface TwilioCallbackRequest {
  /** `GET` or `POST` (the default `StatusCallbackMethod`). */
  method: string;
  /** The public URL Twilio called, exactly as configured (rebuild it behind a proxy). */
  url: string;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body text (empty for a GET). */
  body: string;
}

const endpoint = 'status callback';
const header = (headers: TwilioCallbackRequest['headers'], name: string) => {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Checks a status callback's `X-Twilio-Signature` against the Auth Token (of the account, or
 * the account whose calls push here) and reads it. An unsigned or mis-signed request is an
 * `AuthenticationError` (never retried); a signed one that is not a call status callback
 * is an `InvalidRequestError`. Messages never quote the request.
 */
export function parseTwilioStatusCallback(
  request: TwilioCallbackRequest,
  options: { authToken: string },
): TwilioStatusCallback {
  if (typeof options?.authToken !== 'string' || options.authToken.length === 0)
    throw new InvalidRequestError({
      provider: 'twilio',
      endpoint,
      message: 'an Auth Token is required to check signatures',
    });
  const signature = header(request.headers, 'x-twilio-signature');
  const refuse = (message: string) =>
    new AuthenticationError({ provider: 'twilio', endpoint, message });
  if (signature === undefined) throw refuse('the request carries no X-Twilio-Signature: refused');
  const contentType = (header(request.headers, 'content-type') ?? '').toLowerCase();
  const post = request.method.toUpperCase() === 'POST';
  const form = post && contentType.startsWith('application/x-www-form-urlencoded');
  let params: URLSearchParams;
  if (!post || form) {
    const posted = form ? new URLSearchParams(request.body) : undefined;
    if (!validateTwilioSignature(options.authToken, signature, request.url, posted))
      throw refuse('the X-Twilio-Signature does not match the URL and parameters: refused');
    const query = request.url.indexOf('?');
    params = posted ?? new URLSearchParams(query < 0 ? '' : request.url.slice(query + 1));
  } else {
    if (!validateTwilioSignatureWithBody(options.authToken, signature, request.url, request.body))
      throw refuse('the X-Twilio-Signature or bodySHA256 does not match the request: refused');
    let json: unknown;
    try {
      json = JSON.parse(request.body);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new InvalidRequestError({
        provider: 'twilio',
        endpoint,
        message: 'the body is not a JSON object',
      });
    params = new URLSearchParams(
      Object.entries(json).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
    );
  }
  const value = (name: string) => params.get(name) || undefined;
  const callSid = value('CallSid');
  const callStatus = value('CallStatus');
  if (!callSid || !callStatus)
    throw new InvalidRequestError({
      provider: 'twilio',
      endpoint,
      message: 'not a call status callback: CallSid and CallStatus are required',
    });
  const rawDirection = value('Direction');
  const duration = Number(value('CallDuration'));
  const sequence = Number(value('SequenceNumber'));
  return {
    callSid,
    accountSid: value('AccountSid'),
    parentCallSid: value('ParentCallSid'),
    callStatus,
    status: twilioStatuses[callStatus] ?? 'unknown',
    rawDirection,
    direction: twilioDirections[rawDirection ?? ''] ?? 'unknown',
    from: value('From'),
    to: value('To'),
    durationSeconds:
      value('CallDuration') !== undefined && Number.isFinite(duration) ? duration : undefined,
    timestamp: parseRfc2822(value('Timestamp')),
    sequenceNumber:
      value('SequenceNumber') !== undefined && Number.isInteger(sequence) ? sequence : undefined,
    recordingUrl: value('RecordingUrl'),
    params: Object.fromEntries(params),
  };
}
