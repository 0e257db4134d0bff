import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
} from '@cdr/core';
import { parseRetryAfterMs } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import { interpretTwilioResponse, twilioErrorCodes } from './twilio-error.js';

// As the transport builds it: `Retry-After` read once by core, on a fixed clock.
const answer = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
  interpretTwilioResponse({
    statusCode,
    body,
    headers,
    retryAfterMs: parseRetryAfterMs(headers['retry-after'], new Date('2026-01-01T00:00:00Z')),
    provider: 'twilio',
    endpoint: 'GET x',
  });
const twilioBody = (code: number, status: number) => ({
  code,
  message: 'm',
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

describe('interpretTwilioResponse', () => {
  test('accepts a 2xx', () => {
    expect(answer(200, { calls: [] })).toBeUndefined();
  });

  test('20429 is a RateLimitedError, with Retry-After when sent', () => {
    const error = answer(429, twilioBody(20429, 429), { 'retry-after': '2' });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(2000);
    expect((answer(429, twilioBody(20429, 429)) as RateLimitedError).retryAfterMs).toBeUndefined();
    expect(answer(429, 'Too Many Requests')).toBeInstanceOf(RateLimitedError);
  });

  test.each(Object.entries(twilioErrorCodes).filter(([, kind]) => kind !== 'unavailable'))(
    'code %s → %s',
    (code, kind) => {
      const expected = {
        authentication: AuthenticationError,
        invalid: InvalidRequestError,
        'not-found': NotFoundError,
        'rate-limited': RateLimitedError,
      }[kind as 'authentication'];
      const error = answer(400, twilioBody(Number(code), 400));
      expect(error).toBeInstanceOf(expected);
      expect(error?.message).toContain(`Twilio error ${code}`);
    },
  );

  test('a Twilio 5xx code: left to the transport on a 5xx, an error on a 4xx', () => {
    expect(answer(503, twilioBody(20503, 503))).toBeUndefined();
    expect(answer(400, twilioBody(20500, 400))).toBeInstanceOf(ProviderError);
  });

  test('falls back to the HTTP status', () => {
    expect(answer(401, 'nope')).toBeInstanceOf(AuthenticationError);
    expect(answer(403, {})).toBeInstanceOf(AuthenticationError);
    expect(answer(404, {})).toBeInstanceOf(NotFoundError);
    expect(answer(400, {})).toBeInstanceOf(InvalidRequestError);
    expect(answer(500, {})).toBeUndefined();
    expect(answer(418, { code: 99999 })).toBeUndefined();
  });
});
