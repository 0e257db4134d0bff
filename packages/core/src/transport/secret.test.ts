import { inspect } from 'node:util';
import { expect, test } from 'vitest';
import { Secret } from './secret.js';

test('a Secret never prints its value', () => {
  const secret = new Secret('s3cr3t-value');
  const config = { appId: 1, secret };
  for (const view of [
    String(secret),
    JSON.stringify(config),
    inspect(config, { showHidden: true, depth: 5 }),
    `${secret}`,
  ]) {
    expect(view).not.toContain('s3cr3t-value');
  }
  expect(secret.reveal()).toBe('s3cr3t-value');
});
