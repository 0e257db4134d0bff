import { createHash } from 'node:crypto';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';

/**
 * Signed, tampered and differently-encoded webhook requests, for comparing two signature
 * validators (ours and twilio-node's) on the same inputs. Test-only: the fidelity test
 * signs with the official SDK, so nothing here decides what a valid signature is.
 */

/** Parameters as they are signed: one value per name, or several (a repeated parameter). */
export type SignedParams = Record<string, string | string[]>;

/** Signs `url` + `params` with `authToken`, as Twilio does (the test passes the SDK's signer). */
export type TwilioSigner = (authToken: string, url: string, params: SignedParams) => string;

export interface FormWebhookCase {
  kind: 'form';
  /** What was done to the request, for a failure message. */
  label: string;
  authToken: string;
  signature: string;
  /** The URL the server saw (and was configured with). */
  url: string;
  /** The raw `application/x-www-form-urlencoded` body. */
  body: string;
}

export interface JsonWebhookCase {
  kind: 'json';
  label: string;
  authToken: string;
  signature: string;
  /** The URL the server saw, `bodySHA256` in its query (or not, or wrong). */
  url: string;
  body: string;
}

export type TwilioWebhookCase = FormWebhookCase | JsonWebhookCase;

const authToken = '12345abcdef67890fedcba0987654321';
const otherToken = '00000abcdef67890fedcba0987654321';

/** URLs a webhook could be configured with: ports, credentials, IPv6, case, encodings, fragments. */
export const webhookUrls: readonly string[] = [
  'https://mycompany.com/myapp.php?foo=1&bar=2',
  'https://mycompany.com:443/myapp.php?foo=1&bar=2',
  'https://mycompany.com:8443/myapp.php?foo=1&bar=2',
  'http://mycompany.com/hook',
  'http://mycompany.com:80/hook',
  'http://mycompany.com:443/hook',
  'https://user:pass@mycompany.com/hook?account=main',
  'https://user:pass@mycompany.com:443/hook',
  'https://user@mycompany.com:8443/hook',
  'https://user:p@ss@mycompany.com/hook',
  'https://[::1]:8443/hook',
  'https://[2001:db8::1]/hook?x=1',
  'HTTPS://MyCompany.COM/Hook?Case=Kept',
  'https://mycompany.com',
  'https://mycompany.com/hook?',
  "https://mycompany.com/my app.php?name=O'Hara&city=São Paulo",
  'https://mycompany.com/hook?name=O%27Hara&city=S%C3%A3o+Paulo',
  'https://mycompany.com/hook?q=a+b&q=c%20d&q=a+b',
  'https://mycompany.com/hook?a=1&a=2&b',
  'https://bücher.example/hook?x=ü',
  'https://mycompany.com/hook#fragment',
  'https://mycompany.com/hook?x=1#fragment',
  'https://mycompany.com/a/../hook/./x?y=%zz',
  'mycompany.com/hook',
  'https://mycompany.com:99999/hook',
];

/** Form parameters: none, the docs' example, unicode, repeated, empty values, reserved characters. */
const paramSets: readonly (readonly [string, string][])[] = [
  [],
  [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ],
  [
    ['CallerName', 'José Ñúñez'],
    ['Note', '日本語 ✓ 😀'],
    ['From', '+919876543210'],
  ],
  [
    ['A', 'b'],
    ['A', 'a'],
    ['A', 'b'],
    ['B', '1'],
  ],
  [
    ['a', ''],
    ['B', 'x'],
    ['_z', '1'],
    ['Z', '2'],
    ['ä', 'umlaut first?'],
  ],
  [
    ['Body', 'a+b=c&d %20'],
    ['Url', 'https://x.example/?q=1&r=2'],
  ],
];

const jsonBodies: readonly string[] = [
  '{"property": "value", "boolean": true}',
  '{"CallSid":"CA1234567890ABCDE","CallStatus":"completed","Note":"José ✓"}',
  '{}',
];

function grouped(pairs: readonly (readonly [string, string])[]): SignedParams {
  const params: SignedParams = {};
  for (const [name, value] of pairs) {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else params[name] = [...(typeof existing === 'string' ? [existing] : existing), value];
  }
  return params;
}

/** Two encodings of the same form: `+` for spaces (URLSearchParams) and `%20` (encodeURIComponent). */
function formBodies(pairs: readonly (readonly [string, string])[]): string[] {
  const plus = new URLSearchParams(
    pairs.map(([name, value]): [string, string] => [name, value]),
  ).toString();
  const percent = pairs
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return [...new Set([plus, percent])];
}

/** The URL with its port replaced (`''` removes it), the user info kept. */
function withPort(url: string, port: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!match) return url;
  const [, scheme = '', authority = '', rest = ''] = match;
  const at = authority.lastIndexOf('@');
  const host = authority.slice(at + 1).replace(/:\d*$/, '');
  return scheme + authority.slice(0, at + 1) + host + port + rest;
}

function normalised(url: string): string | undefined {
  try {
    return new URL(url).toString();
  } catch {
    return undefined;
  }
}

function legacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  return `${url.slice(0, start)}?${stringifyQuery(parseQuery(url.slice(start + 1)))}`;
}

/**
 * The URLs Twilio might have signed for a request received at `url`: as received, each port
 * form, normalised, legacy-encoded, and some that must fail (another scheme, another path).
 */
function signedForms(url: string): string[] {
  const forms = [url];
  for (const port of ['', ':443', ':80', ':8443']) forms.push(withPort(url, port));
  const normal = normalised(url);
  if (normal !== undefined) {
    forms.push(normal, legacyQuery(normal), withPort(normal, ':443'), withPort(normal, ''));
    forms.push(normal.toLowerCase());
  }
  forms.push(legacyQuery(url), url.replace(/^https/i, 'http'), `${url}x`);
  return [...new Set(forms)];
}

const sha256 = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

function withQueryParameter(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? (url.endsWith('?') ? '' : '&') : '?'}${name}=${value}`;
}

/**
 * Every case: each URL × each URL Twilio might have signed × each parameter set and body
 * encoding (form), or each body and `bodySHA256` form (JSON); each signed correctly, with
 * another token, truncated, and (form) with a parameter changed or added after signing.
 */
export function twilioWebhookCases(sign: TwilioSigner): TwilioWebhookCase[] {
  const cases: TwilioWebhookCase[] = [];
  for (const url of webhookUrls) {
    for (const signedUrl of signedForms(url)) {
      for (const pairs of paramSets) {
        const params = grouped(pairs);
        const signature = sign(authToken, signedUrl, params);
        const label = `form ${JSON.stringify(pairs)} at ${url}, signed over ${signedUrl}`;
        for (const body of formBodies(pairs)) {
          cases.push({ kind: 'form', label, authToken, signature, url, body });
          cases.push({
            kind: 'form',
            label: `${label}, another token`,
            authToken,
            signature: sign(otherToken, signedUrl, params),
            url,
            body,
          });
          cases.push({
            kind: 'form',
            label: `${label}, truncated`,
            authToken,
            signature: signature.slice(0, -2),
            url,
            body,
          });
          cases.push({
            kind: 'form',
            label: `${label}, a parameter added`,
            authToken,
            signature,
            url,
            body: body === '' ? 'Extra=1' : `${body}&Extra=1`,
          });
          if (pairs.length > 0)
            cases.push({
              kind: 'form',
              label: `${label}, a value changed`,
              authToken,
              signature,
              url,
              body: body.replace(/=([^&]*)/, '=$1x'),
            });
        }
      }
    }
    for (const body of jsonBodies) {
      const hash = sha256(body);
      const hashes: [string, string | undefined][] = [
        ['lower-case bodySHA256', hash],
        ['upper-case bodySHA256', hash.toUpperCase()],
        ['bodySHA256 of another body', sha256(`${body} `)],
        ['no bodySHA256', undefined],
      ];
      for (const [what, value] of hashes) {
        const received = value === undefined ? url : withQueryParameter(url, 'bodySHA256', value);
        for (const signedUrl of signedForms(received)) {
          const label = `json ${what} at ${received}, signed over ${signedUrl}`;
          const signature = sign(authToken, signedUrl, {});
          cases.push({ kind: 'json', label, authToken, signature, url: received, body });
          cases.push({
            kind: 'json',
            label: `${label}, body changed`,
            authToken,
            signature,
            url: received,
            body: `${body} `,
          });
          cases.push({
            kind: 'json',
            label: `${label}, another token`,
            authToken,
            signature: sign(otherToken, signedUrl, {}),
            url: received,
            body,
          });
        }
      }
    }
  }
  return cases;
}
