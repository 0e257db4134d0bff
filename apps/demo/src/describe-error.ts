import { CdrError } from '@cdr/core';

/** One line for a person: the typed code and message of a CdrError, or the message. */
export function describeError(error: unknown): string {
  if (CdrError.isInstance(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
