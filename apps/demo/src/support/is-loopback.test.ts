import { expect, test } from 'vitest';
import { isLoopback } from './is-loopback.ts';

test.each(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])(
  '%s is loopback',
  (host) => {
    expect(isLoopback(host)).toBe(true);
  },
);

test.each([
  '0.0.0.0',
  '::',
  '[::]',
  '192.168.1.10',
  '128.0.0.1',
  'example.com',
  'localhost.example',
])('%s is not', (host) => {
  expect(isLoopback(host)).toBe(false);
});
