import { describe, expect, test } from 'vitest';
import { CdrError } from './cdr-error.js';
import {
  AuthenticationError,
  NetworkError,
  ProviderError,
  RateLimitedError,
  ResponseValidationError,
  TimeoutError,
  UnsupportedError,
} from './errors.js';

describe('errors', () => {
  test('carry a stable code, the retryable flag, provider and endpoint', () => {
    const error = new AuthenticationError({
      provider: 'telecmi',
      endpoint: 'POST /v2/user/out_cdr',
      message: 'bad token',
    });
    expect(error).toMatchObject({
      code: 'authentication',
      retryable: false,
      provider: 'telecmi',
      name: 'AuthenticationError',
    });
    expect(error.message).toBe('[telecmi] POST /v2/user/out_cdr: bad token');
    expect(new RateLimitedError({ message: 'x', retryAfterMs: 5 })).toMatchObject({
      retryable: true,
      retryAfterMs: 5,
    });
    expect(new ProviderError({ message: 'x', statusCode: 503 }).retryable).toBe(true);
    expect(new ProviderError({ message: 'x', statusCode: 501, retryable: false }).retryable).toBe(
      false,
    );
    expect(new ProviderError({ message: 'x', statusCode: 418 }).retryable).toBe(false);
  });

  test('instanceof follows the hierarchy', () => {
    const timeout = new TimeoutError({ message: 't', phase: 'headers' });
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout).toBeInstanceOf(NetworkError);
    expect(timeout).toBeInstanceOf(CdrError);
    expect(timeout).toBeInstanceOf(Error);
    expect(new NetworkError({ message: 'n' })).not.toBeInstanceOf(TimeoutError);
    expect(new AuthenticationError({ message: 'a' })).not.toBeInstanceOf(NetworkError);
  });

  test('instanceof works for an error from another copy of the package', () => {
    // What a second copy of @cdr/core would throw: same marker and code, another prototype.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('@cdr/core.error')]: true,
      code: 'authentication',
    });
    expect(foreign).toBeInstanceOf(AuthenticationError);
    expect(foreign).toBeInstanceOf(CdrError);
    expect(foreign).not.toBeInstanceOf(RateLimitedError);
    expect(CdrError.isInstance(foreign)).toBe(true);
    expect(CdrError.isInstance(new Error('plain'))).toBe(false);
  });

  test('serialize to plain JSON with their fields', () => {
    const error = new ResponseValidationError({
      provider: 'telecmi',
      endpoint: 'POST /v1/outmissed',
      message: 'drift',
      issues: [{ path: 'cdr[3].time', message: 'expected number' }],
    });
    expect(error.path).toBe('cdr[3].time');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'ResponseValidationError',
      code: 'response_validation',
      issues: [{ path: 'cdr[3].time' }],
    });
    expect(
      new UnsupportedError({ message: 'u', supported: { directions: ['outbound'] } }).supported,
    ).toEqual({
      directions: ['outbound'],
    });
  });
});
