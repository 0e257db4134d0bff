import { generateKeyPairSync } from 'node:crypto';

/**
 * An RSA private key (PKCS #8 PEM) no simulator knows: a wrong application key for tests.
 * `preamble` is text before the BEGIN line, which PEM readers skip (key files often carry
 * a label there): the conformance kit's awkward secret, with a `"` and a `\\`.
 */
export function unknownVonagePrivateKey(preamble = ''): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return `${preamble}${privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`;
}
