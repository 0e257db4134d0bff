import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
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

/** A URL cut at its port, nothing decoded or re-encoded: the characters Twilio signed stay. */
interface UrlParts {
  /** `https://`, as written. */
  scheme: string;
  /** `user:pass@`, or empty. */
  userInfo: string;
  host: string;
  /** `:8443`, or empty. */
  port: string;
  /** Everything after the authority: path, query, fragment. */
  rest: string;
}

// As twilio-node's `splitUrl`: the port starts at the first colon after the user info (the
// last `@`) and after an IPv6 literal's closing bracket, so `user:pass@host` has no port.
function splitUrl(url: string): UrlParts | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix = '', scheme = '', authority = ''] = match;
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

/** The URL with the scheme's default port when it has no port (`:443` for https, else `:80`, as the SDK). */
function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

/** The URL without any port, default or not (the SDK accepts `:8443` signed without it). */
function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

/** The query re-encoded by Node's legacy `querystring`, for back ends that signed that form (`%27` for `'`). */
function withLegacyQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || queryStart === url.length - 1) return url;
  return `${url.slice(0, queryStart)}?${stringifyQuery(parseQuery(url.slice(queryStart + 1)))}`;
}

/**
 * Every form of the URL a valid signature may be over, as twilio-node's `validateRequest`
 * (6.3.1) tries them: the URL as received with and without a port, then the URL normalised
 * by the WHATWG parser (`new URL(url).toString()`: scheme and host lower-cased, the default
 * port dropped, special characters percent-encoded) with and without a port, each also with
 * its query re-encoded the legacy way. Twilio's signing is inconsistent about ports and
 * encodings, and the SDK is what Twilio's customers run, so a request it accepts is accepted
 * here (`twilio-signature-fidelity.test.ts` compares the two). A URL the WHATWG parser
 * refuses gets only the first two forms (the SDK throws there).
 */
export function twilioUrlVariants(url: string): string[] {
  const variants = [withoutPort(url), withDefaultPort(url)];
  let normalized: string | undefined;
  try {
    normalized = new URL(url).toString();
  } catch {
    normalized = undefined;
  }
  if (normalized !== undefined) {
    const forms = [withoutPort(normalized), withDefaultPort(normalized)];
    variants.push(...forms, ...forms.map(withLegacyQuery));
  }
  return [...new Set(variants)];
}

/** Whether `signature` signs `url` and `params` with `authToken` (any form of the URL in `twilioUrlVariants`). */
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
 * The hash is compared as written, lower-case hex, as the SDK does: `ABC…` is refused.
 */
export function validateTwilioSignatureWithBody(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  body: string,
): boolean {
  let expected: string;
  try {
    // The query as the WHATWG parser reads it (a fragment is not part of it), as the SDK.
    expected = new URL(url).searchParams.get('bodySHA256') ?? '';
  } catch {
    return false;
  }
  if (expected.length === 0) return false;
  const actual = createHash('sha256').update(body, 'utf8').digest('hex');
  const signed = validateTwilioSignature(authToken, signature, url);
  return same(actual, expected) && signed;
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
