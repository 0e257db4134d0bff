import { describe, expect, test } from 'vitest';
import sample from './__fixtures__/webhook-incoming-answered.json' with { type: 'json' };
import { readTelecmiWebhookBody } from './read-telecmi-webhook-body.js';
import { invalidRequestErrorOf } from './test-support/invalid-request-error-of.js';

const json = JSON.stringify(sample);
const form = new URLSearchParams(
  Object.entries(sample).map(([name, value]): [string, string] => [name, String(value)]),
);

describe('a webhook body in every form a receiver may hold it', () => {
  test('JSON as text or bytes, with or without a content type, and fields already parsed', () => {
    expect(readTelecmiWebhookBody(json, 'application/json; charset=utf-8')).toEqual(sample);
    expect(readTelecmiWebhookBody(`  ${json}\n`)).toEqual(sample);
    expect(readTelecmiWebhookBody(new TextEncoder().encode(json))).toEqual(sample);
    expect(readTelecmiWebhookBody({ ...sample })).toEqual(sample);
  });

  test('a form body or a GET query string: the same fields, as text', () => {
    const expected = Object.fromEntries(form);
    expect(readTelecmiWebhookBody(form.toString(), 'application/x-www-form-urlencoded')).toEqual(
      expected,
    );
    expect(readTelecmiWebhookBody(form.toString())).toEqual(expected);
    expect(readTelecmiWebhookBody(form)).toEqual(expected);
    expect(expected.time).toBe('1634720920615');
  });

  test('a field sent twice in a form is read once, the first time', () => {
    expect(readTelecmiWebhookBody('type=cdr&type=event')).toEqual({ type: 'cdr' });
  });
});

describe('what is no webhook body is an InvalidRequestError that quotes nothing', () => {
  test.each([
    ['empty', '', 'application/json', /empty/],
    [
      'not JSON',
      '{"type": "cdr", "token": "sk-live-secret-1234"',
      'application/json',
      /not valid JSON/,
    ],
    ['a list', `[${json}]`, '', /not a list/],
    ['a JSON string', '"sk-live-secret-1234"', 'application/json', /JSON object/],
    ['neither JSON nor a form', 'sk-live-secret-1234', 'text/plain', /neither JSON nor form/],
  ])('%s', (_name, body, contentType, message) => {
    const error = invalidRequestErrorOf(() => readTelecmiWebhookBody(body, contentType));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('sk-live-secret');
  });

  test('parsed fields that are a list', () => {
    expect(() => readTelecmiWebhookBody([sample] as unknown as Record<string, unknown>)).toThrow(
      /not a list/,
    );
  });
});
