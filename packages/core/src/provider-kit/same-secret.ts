import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a received secret (a path token) is the expected one, in a time that tells
 * neither how much of it matched nor how long the expected one is: both are hashed, and
 * `timingSafeEqual` compares two digests of one size. A missing one is `false`.
 */
export function sameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined || received.length === 0) return false;
  return timingSafeEqual(digest(received), digest(expected));
}
