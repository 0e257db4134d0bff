import { expect, test } from 'vitest';
import { sameSecret } from './same-secret.js';

test('only the very secret matches: not a prefix, a longer one, another case or nothing', () => {
  const secret = 'a-webhook-token-of-24-ch';
  expect(sameSecret(secret, secret)).toBe(true);
  for (const other of [secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), '', undefined])
    expect(sameSecret(other, secret), String(other)).toBe(false);
});
