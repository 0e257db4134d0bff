/** What a secret is replaced with wherever it would otherwise appear. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret, as written and as URL-encoded, with
 * `[REDACTED]`. Applied to every message, URL and body excerpt that leaves the transport.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}
