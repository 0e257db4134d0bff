import { readFileSync } from 'node:fs';
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
} from '@cdr/core';
import { describe, expect, test } from 'vitest';
import { interpretVonageResponse } from './vonage-error.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const answer = (statusCode: number, body: unknown, retryAfterMs?: number) =>
  interpretVonageResponse({
    statusCode,
    body,
    headers: {},
    provider: 'vonage',
    endpoint: 'GET /v1/calls',
    retryAfterMs,
  });

describe('interpretVonageResponse, with the docs’ error bodies', () => {
  test('401 (Python SDK fixture): an authentication error with its title and detail', () => {
    const error = answer(401, fixture('error-401.json'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toContain('Unauthorized: You did not provide correct credentials.');
  });
  test('429 (Python SDK fixture): rate limited, Retry-After kept when sent', () => {
    const error = answer(429, fixture('error-429.json'), 1500);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(1500);
    expect(answer(429, fixture('error-429.json'))).toBeInstanceOf(RateLimitedError);
  });
  test('400 with a numeric type (a real Voice answer): refused, naming the parameter', () => {
    const error = answer(400, fixture('error-400.json'));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.message).toContain('event_url: Invalid type parameter provided');
  });
  test('404: not found; 2xx and 5xx: left to the transport', () => {
    expect(answer(404, { title: 'Not Found' })).toBeInstanceOf(NotFoundError);
    expect(answer(200, {})).toBeUndefined();
    expect(answer(503, 'Service Unavailable')).toBeUndefined();
  });
});
