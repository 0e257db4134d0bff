import { createHmac } from 'node:crypto';
import { sameSecret } from '@cdr/core/provider-utils';

/** Parameters as received: each name with its values (a form may repeat a name). */
export type PlivoParams = Readonly<Record<string, string | readonly string[]>>;

const valuesOf = (value: string | readonly string[]) =>
  typeof value === 'string' ? [value] : [...value];

/** Names sorted, each name's values sorted; code-unit order, as the SDKs' `sort()`. */
function sortedPairs(params: Map<string, string[]>): [string, string][] {
  return [...params.keys()]
    .sort()
    .flatMap((name) =>
      [...params.get(name)!].sort().map((value) => [name, value] as [string, string]),
    );
}

function addAll(into: Map<string, string[]>, name: string, values: readonly string[]) {
  into.set(name, [...(into.get(name) ?? []), ...values]);
}

/**
 * The string Plivo signs with V3 (docs, "Validating requests"; plivo-node
 * `lib/utils/v3Security.js`): the URL without its query, then for a GET the URL's query and
 * the parameters as `name=value&…`, for a POST the URL's query, a `.` if it had one, and the
 * form as `namevalue…`; names and values sorted, nothing encoded.
 */
export function plivoV3SignedUrl(method: string, url: string, params: PlivoParams): string {
  // Read from the text, not through `new URL`, which would drop an explicit default port
  // (`:443`) and lower-case the host: the SDKs sign the URL as written (any user info aside).
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(
    url,
  );
  if (!parts) return url;
  const [, scheme, authority, path, search] = parts;
  const base = `${scheme}://${authority}${path}`;
  const query = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(search ?? '')) addAll(query, name, [value]);
  const form = new Map<string, string[]>();
  for (const [name, value] of Object.entries(params)) addAll(form, name, valuesOf(value));
  if (method.toUpperCase() === 'GET') {
    for (const [name, values] of form) addAll(query, name, values);
    const text = sortedPairs(query)
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    return text === '' ? base : `${base}?${text}`;
  }
  const ownQuery = sortedPairs(query)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  if (form.size === 0) return ownQuery === '' ? base : `${base}?${ownQuery}`;
  const body = sortedPairs(form)
    .map(([name, value]) => `${name}${value}`)
    .join('');
  return `${base}?${ownQuery}${ownQuery === '' ? '' : '.'}${body}`;
}

/** `X-Plivo-Signature-V3`: base64 HMAC-SHA256 of the signed URL, `.`, and the nonce, keyed with an Auth Token. */
export function computePlivoV3Signature(
  authToken: string,
  request: { method: string; url: string; nonce: string; params: PlivoParams },
): string {
  return createHmac('sha256', authToken)
    .update(
      `${plivoV3SignedUrl(request.method, request.url, request.params)}.${request.nonce}`,
      'utf8',
    )
    .digest('base64');
}

/**
 * Whether one of the signatures in a V3 header (several may be sent, comma-separated) signs
 * the request with `authToken`. Each is compared in constant time, and all are compared. As
 * in the SDKs, a signature is taken as sent: one after `, ` (with a space) does not match.
 */
export function validatePlivoV3Signature(
  authToken: string,
  request: { method: string; url: string; nonce: string; params: PlivoParams },
  header: string | undefined,
): boolean {
  if (header === undefined || header === '' || request.nonce === '') return false;
  const expected = computePlivoV3Signature(authToken, request);
  let valid = false;
  for (const candidate of header.split(',')) {
    if (sameSecret(candidate, expected)) valid = true;
  }
  return valid;
}
