import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Vonage's signed webhooks (fact sheet §7): `Authorization: Bearer <JWT>`, the JWT signed
 * HS256 with the account's signature secret, its claims `iat`, `jti`, `iss` ("Vonage"),
 * `payload_hash` (hex SHA-256 of the payload), `api_key`, `application_id`.
 */

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Signs a webhook body as Vonage does (for the simulator and tests). */
export function signVonageWebhook(
  body: string,
  secret: string,
  options: {
    now: Date;
    apiKey?: string | undefined;
    applicationId?: string | undefined;
    jti?: string | undefined;
    /** Claims to add or override (a test's `exp`, a wrong `payload_hash`). */
    claims?: Record<string, unknown> | undefined;
    /** Another header (a test's `alg: none`). */
    header?: Record<string, unknown> | undefined;
  },
): string {
  const header = base64url(JSON.stringify(options.header ?? { alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iat: Math.floor(options.now.getTime() / 1000),
      jti: options.jti ?? randomUUID(),
      iss: 'Vonage',
      payload_hash: sha256Hex(body),
      ...(options.apiKey !== undefined ? { api_key: options.apiKey } : {}),
      ...(options.applicationId !== undefined ? { application_id: options.applicationId } : {}),
      ...options.claims,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

const jsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The body's hash as Vonage computes it: over the raw bytes, or the compact re-serialised JSON. */
function payloadHashes(body: string): string[] {
  const hashes = [sha256Hex(body)];
  try {
    hashes.push(sha256Hex(JSON.stringify(JSON.parse(body))));
  } catch {
    // Not JSON: only the raw hash.
  }
  return hashes;
}

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Why a webhook is not Vonage's, or `undefined` when it is: the `Authorization` JWT must be
 * HS256 (no other algorithm, `none` least of all), signed with `secret` (compared in
 * constant time), not expired (`exp`) nor early (`nbf`) when it says so, issued within
 * `toleranceSeconds` of `now` (a replay guard the docs do not state: inferred), and its
 * `payload_hash` must be the body's (the SDK's `verifySignature` does not check it; the
 * support article and the code snippet do). The body's raw bytes are hashed first, then
 * the compact re-serialisation the snippet hashes.
 */
export function vonageWebhookProblem(
  authorization: string | undefined,
  body: string,
  secret: string,
  options: { now: Date; toleranceSeconds: number },
): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(
    authorization?.trim() ?? '',
  );
  if (!match) return 'no signed JWT in Authorization: not signed by Vonage';
  const [, headerText, claimsText, signature] = match as unknown as [
    string,
    string,
    string,
    string,
  ];
  const header = jsonObject(headerText);
  if (header?.alg !== 'HS256') return 'the JWT is not HS256-signed';
  const expected = createHmac('sha256', secret)
    .update(`${headerText}.${claimsText}`)
    .digest('base64url');
  if (!sameText(signature, expected)) return 'the JWT is not signed with the signature secret';
  const claims = jsonObject(claimsText);
  if (!claims) return 'the JWT claims are not a JSON object';
  const nowSeconds = options.now.getTime() / 1000;
  if (typeof claims.exp === 'number' && nowSeconds >= claims.exp) return 'the JWT has expired';
  if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) return 'the JWT is not valid yet';
  if (typeof claims.iat !== 'number') return 'the JWT has no iat';
  if (Math.abs(nowSeconds - claims.iat) > options.toleranceSeconds)
    return `the JWT was issued more than ${options.toleranceSeconds} s from now (a replay?)`;
  const hash = typeof claims.payload_hash === 'string' ? claims.payload_hash : '';
  if (!payloadHashes(body).some((candidate) => sameText(candidate, hash)))
    return 'payload_hash is not the hash of this body';
  return undefined;
}
