import { createHash, timingSafeEqual } from 'node:crypto';
import { InvalidRequestError } from '@cdr/core';

// TeleCMI signs nothing and sends no secret of its own: an endpoint is protected by what
// its URL holds (a secret path segment, or user and password where the sender honours
// them) and by where requests may come from. See the package README, "Protecting the
// endpoint".

/** Shorter secrets can be guessed by whoever finds the endpoint. */
export const minimumTelecmiWebhookSecretLength = 16;

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Compares in time independent of where the values differ and of their lengths: both are
 * hashed first, so `timingSafeEqual` compares two digests of equal size and the time
 * reveals neither a matching prefix nor the expected length.
 */
function sameSecret(received: string | Buffer, expected: string): boolean {
  return timingSafeEqual(digest(received), digest(expected));
}

function assertSecret(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.length < minimumTelecmiWebhookSecretLength) {
    throw new InvalidRequestError({
      provider: 'telecmi',
      message: `${what} must be a string of at least ${minimumTelecmiWebhookSecretLength} characters (a random one: \`crypto.randomBytes(24).toString('base64url')\`)`,
    });
  }
}

/**
 * Whether a request carries the endpoint's secret token, e.g. the last segment of a
 * webhook URL registered as `https://example.com/telecmi/cdr/<token>`: compared in
 * constant time. A missing token is `false`. `expected` shorter than 16 characters is an
 * `InvalidRequestError` (a setup mistake, not a request to refuse).
 */
export function verifyTelecmiWebhookToken(
  received: string | null | undefined,
  expected: string,
): boolean {
  assertSecret(expected, 'the expected webhook token');
  if (typeof received !== 'string' || received.length === 0) return false;
  return sameSecret(received, expected);
}

/** The user and password the endpoint expects in `Authorization: Basic …`. */
export interface TelecmiWebhookBasicCredentials {
  username: string;
  /** At least 16 characters. */
  password: string;
}

const basicPattern = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i;

/**
 * Whether a request's `Authorization` header carries the expected Basic credentials:
 * user and password compared together, in constant time. A missing, malformed or other
 * scheme's header is `false`. Give the header as received (`request.headers.authorization`).
 */
export function verifyTelecmiWebhookBasicAuth(
  authorization: string | readonly string[] | null | undefined,
  expected: TelecmiWebhookBasicCredentials,
): boolean {
  const username = expected?.username;
  if (typeof username !== 'string' || username.length === 0 || username.includes(':')) {
    throw new InvalidRequestError({
      provider: 'telecmi',
      message: 'the expected webhook user name must be a non-empty string without ":"',
    });
  }
  assertSecret(expected.password, 'the expected webhook password');
  // A header sent twice is ambiguous: refused rather than one of them picked.
  if (typeof authorization !== 'string') return false;
  const encoded = basicPattern.exec(authorization)?.[1];
  if (encoded === undefined) return false;
  return sameSecret(Buffer.from(encoded, 'base64'), `${username}:${expected.password}`);
}
