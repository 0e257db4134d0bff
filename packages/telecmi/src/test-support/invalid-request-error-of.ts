import { InvalidRequestError } from '@cdr/core';
import { expect } from 'vitest';

/** The `InvalidRequestError` `run` throws, for tests to read its message; fails if it throws none. */
export function invalidRequestErrorOf(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}
