import { InvalidRequestError } from '@cdr/core';
import { describe, expect, test } from 'vitest';
import { invalidRequestErrorOf } from './test-support/invalid-request-error-of.js';
import {
  verifyTelecmiWebhookBasicAuth,
  verifyTelecmiWebhookToken,
} from './verify-telecmi-webhook.js';

const token = 'Qm9vdHN0cmFwLXdlYmhvb2stdG9rZW4';
const credentials = { username: 'telecmi', password: 'p@ss "word" \\ with quotes' };
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('a secret token in the webhook URL', () => {
  test('the right token passes', () => {
    expect(verifyTelecmiWebhookToken(token, token)).toBe(true);
  });

  test.each([
    ['a wrong token of the same size', `${token.slice(0, -1)}X`],
    ['a prefix of the token', token.slice(0, 8)],
    ['the token and more', `${token}0`],
    ['a much longer token', token.repeat(40)],
    ['an empty token', ''],
    ['no token', undefined],
    ['null', null],
  ])('%s fails', (_name, received) => {
    expect(verifyTelecmiWebhookToken(received, token)).toBe(false);
  });

  test('an expected token too short to be secret is a setup error that does not quote it', () => {
    const error = invalidRequestErrorOf(() =>
      verifyTelecmiWebhookToken('short-secret', 'short-secret'),
    );
    expect(error.message).toMatch(/at least 16 characters/);
    expect(error.message).not.toContain('short-secret');
    expect(() => verifyTelecmiWebhookToken(token, undefined as unknown as string)).toThrow(
      InvalidRequestError,
    );
  });
});

describe('HTTP Basic credentials', () => {
  const right = basic(`${credentials.username}:${credentials.password}`);

  test('the right user and password pass, whatever the case of the scheme', () => {
    expect(verifyTelecmiWebhookBasicAuth(right, credentials)).toBe(true);
    expect(verifyTelecmiWebhookBasicAuth(right.replace('Basic', 'basic'), credentials)).toBe(true);
  });

  test.each([
    ['a wrong password', basic(`${credentials.username}:${credentials.password}X`)],
    ['a wrong user', basic(`telecmj:${credentials.password}`)],
    ['the password alone', basic(credentials.password)],
    ['the user alone', basic(`${credentials.username}:`)],
    ['a longer credential', basic(`${credentials.username}:${credentials.password.repeat(30)}`)],
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Bearer ${credentials.password}`],
    ['no credential after the scheme', 'Basic '],
    ['text that is no base64', 'Basic ***'],
    ['a header sent twice', [right, right]],
  ])('%s fails', (_name, header) => {
    expect(verifyTelecmiWebhookBasicAuth(header, credentials)).toBe(false);
  });

  test('expected credentials that cannot work are a setup error that does not quote them', () => {
    const short = invalidRequestErrorOf(() =>
      verifyTelecmiWebhookBasicAuth(right, { username: 'telecmi', password: 'pw-123' }),
    );
    expect(short.message).toMatch(/password must be a string of at least 16/);
    expect(short.message).not.toContain('pw-123');
    expect(
      invalidRequestErrorOf(() =>
        verifyTelecmiWebhookBasicAuth(right, {
          username: 'tele:cmi',
          password: credentials.password,
        }),
      ).message,
    ).toMatch(/without ":"/);
    expect(
      invalidRequestErrorOf(() =>
        verifyTelecmiWebhookBasicAuth(right, { username: '', password: credentials.password }),
      ).message,
    ).toMatch(/user name/);
  });
});
