import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The SDK's tolerance ("Allow 5 minutes tolerance"): a timestamp further from now is a replay. */
export const telnyxSignatureToleranceSeconds = 300;

/**
 * Strict, padded base64 as the official SDK decodes it (`decodeBase64` in
 * `telnyx/lib/webhooks`): Node's `Buffer` would also take base64url, spaces and missing
 * padding, which the SDK refuses.
 */
function strictBase64(value: string): Buffer | undefined {
  if (value.length === 0 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
    return undefined;
  return Buffer.from(value, 'base64');
}

/** A Mission Control public key (base64 of the raw 32-byte Ed25519 key) → a key; `undefined` if it is none. */
export function telnyxPublicKey(base64: string): KeyObject | undefined {
  const raw = strictBase64(base64);
  if (raw?.length !== 32) return undefined;
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

const header = (
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined => {
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  return undefined;
};

/**
 * Why a webhook is not Telnyx's, or `undefined` when it is, as the official SDK checks it
 * (`TelnyxWebhook.verify`): `telnyx-signature-ed25519` must be the base64 Ed25519 signature
 * (64 bytes) of `${telnyx-timestamp}|${raw body}` by the account's key, and the timestamp
 * (UNIX seconds, digits only) within the tolerance of `nowMs`. Ed25519 verification takes
 * the same time whatever the signature: there is no secret to compare.
 */
export function telnyxSignatureProblem(
  push: {
    headers: Readonly<Record<string, string | string[] | undefined>>;
    body: string;
  },
  key: KeyObject,
  nowMs: number,
  toleranceSeconds = telnyxSignatureToleranceSeconds,
): string | undefined {
  const signature = header(push.headers, 'telnyx-signature-ed25519');
  const timestamp = header(push.headers, 'telnyx-timestamp');
  if (signature === undefined || timestamp === undefined)
    return 'no telnyx-signature-ed25519 or telnyx-timestamp: not signed by Telnyx';
  const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isSafeInteger(seconds)) return 'telnyx-timestamp is not UNIX seconds';
  // Whole seconds, as the SDK compares (`Math.floor(Date.now() / 1000)`).
  if (Math.abs(Math.floor(nowMs / 1000) - seconds) > toleranceSeconds)
    return `telnyx-timestamp is more than ${toleranceSeconds} s from now: a replay, or a clock off`;
  const bytes = strictBase64(signature);
  if (bytes?.length !== 64) return 'telnyx-signature-ed25519 is not a base64 Ed25519 signature';
  const signed = verify(null, Buffer.from(`${timestamp}|${push.body}`, 'utf8'), key, bytes);
  return signed ? undefined : "the signature does not sign this body with the account's public key";
}
