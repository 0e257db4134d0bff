import { describe, expect, test } from 'vitest';
import {
  AuthenticationError,
  CdrError,
  type CdrErrorOptions,
  errorMarker,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  ProviderError,
  RateLimitedError,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
  UnsupportedError,
} from './index.js';

/** What a provider package does to add a code of its own: its own class and marker. */
class NotAvailableYetError extends CdrError {
  static override readonly marker = errorMarker('@cdr/example', 'NotAvailableYetError');
  override readonly name = 'NotAvailableYetError';
  readonly code = 'not_available_yet';
  readonly retryable = true;
}

const base: CdrErrorOptions = { message: 'm' };
// Each class, one instance, and the classes (itself included) it must pass `instanceof` for.
const matrix = [
  [AuthenticationError, () => new AuthenticationError(base), [AuthenticationError]],
  [InvalidRequestError, () => new InvalidRequestError(base), [InvalidRequestError]],
  [NotFoundError, () => new NotFoundError(base), [NotFoundError]],
  [RateLimitedError, () => new RateLimitedError(base), [RateLimitedError]],
  [ProviderError, () => new ProviderError(base), [ProviderError]],
  [NetworkError, () => new NetworkError(base), [NetworkError]],
  [TimeoutError, () => new TimeoutError({ ...base, phase: 'body' }), [TimeoutError, NetworkError]],
  [MalformedResponseError, () => new MalformedResponseError(base), [MalformedResponseError]],
  [
    ResponseTooLargeError,
    () => new ResponseTooLargeError({ ...base, limitBytes: 1 }),
    [ResponseTooLargeError],
  ],
  [
    ResponseValidationError,
    () => new ResponseValidationError({ ...base, issues: [] }),
    [ResponseValidationError],
  ],
  [UnsupportedError, () => new UnsupportedError(base), [UnsupportedError]],
  [NotAvailableYetError, () => new NotAvailableYetError(base), [NotAvailableYetError]],
] as const;
const classes = matrix.map(([errorClass]) => errorClass);

/**
 * What another copy of the package would throw: a different prototype (a plain Error),
 * carrying the same `Symbol.for` markers, which is all a second copy shares with this one.
 */
function fromAnotherCopy(error: CdrError): Error {
  const foreign = Object.assign(new Error(error.message), { code: error.code });
  for (const symbol of Object.getOwnPropertySymbols(error)) {
    Object.defineProperty(foreign, symbol, { value: true });
  }
  return foreign;
}

describe('error identity: every class × every check', () => {
  for (const [errorClass, create, passes] of matrix) {
    test(`${errorClass.name}`, () => {
      const error = create();
      for (const candidate of [error, fromAnotherCopy(error)]) {
        expect(candidate).toBeInstanceOf(Error);
        expect(candidate).toBeInstanceOf(CdrError);
        expect(CdrError.isInstance(candidate)).toBe(true);
        for (const other of classes) {
          const expected = (passes as readonly unknown[]).includes(other);
          expect(candidate instanceof other, `instanceof ${other.name}`).toBe(expected);
          expect((other as typeof CdrError).isInstance(candidate), `${other.name}.isInstance`).toBe(
            expected,
          );
        }
      }
    });
  }

  test('a code shared by chance does not make one class pass for another', () => {
    // Before per-class markers, a class without codes matched every CdrError, and a shared
    // code made a provider's error pass `instanceof NotFoundError`.
    const lookalike = Object.assign(new Error('x'), {
      [errorMarker('@cdr/core', 'CdrError')]: true,
      code: 'not_found',
    });
    expect(lookalike).toBeInstanceOf(CdrError);
    expect(lookalike).not.toBeInstanceOf(NotFoundError);
    expect(lookalike).not.toBeInstanceOf(NotAvailableYetError);
  });

  test('plain values and plain errors are no CdrError', () => {
    for (const value of [
      new Error('plain'),
      null,
      undefined,
      'error',
      { code: 'authentication' },
    ]) {
      expect(CdrError.isInstance(value)).toBe(false);
      expect(value instanceof AuthenticationError).toBe(false);
    }
  });

  test('a subclass with no marker of its own is checked by prototype, not by its parent’s marker', () => {
    class MyTimeout extends TimeoutError {}
    expect(new MyTimeout({ ...base, phase: 'body' })).toBeInstanceOf(MyTimeout);
    expect(new TimeoutError({ ...base, phase: 'body' })).not.toBeInstanceOf(MyTimeout);
    expect(MyTimeout.isInstance(new TimeoutError({ ...base, phase: 'body' }))).toBe(false);
  });

  test('markers stay out of JSON and spreads', () => {
    const error = new AuthenticationError(base);
    expect(Object.getOwnPropertySymbols({ ...error })).toEqual([]);
    expect(JSON.stringify(error)).not.toContain('Symbol');
  });
});

describe('errors', () => {
  test('carry a stable code, the retryable flag, provider, instance and endpoint', () => {
    const error = new AuthenticationError({
      provider: 'telecmi',
      instance: 'telecmi:user',
      endpoint: 'POST /v2/user/out_cdr',
      message: 'bad token',
    });
    expect(error).toMatchObject({
      code: 'authentication',
      retryable: false,
      provider: 'telecmi',
      instance: 'telecmi:user',
      name: 'AuthenticationError',
    });
    // The instance names the account: two accounts of one provider are told apart.
    expect(error.message).toBe('[telecmi:user] POST /v2/user/out_cdr: bad token');
    expect(new AuthenticationError({ provider: 'telecmi', message: 'x' }).message).toBe(
      '[telecmi] x',
    );
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
