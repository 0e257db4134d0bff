import { CdrError } from '@cdr/core';

/** One line for a person: the typed code and message of a CdrError, or the message. */
export function describeError(error: unknown): string {
  if (CdrError.isInstance(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The stack and causes of an error, for `--verbose` and `DEBUG=cdr`. */
export function errorDetails(error: unknown): string | undefined {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.stack) parts.push(depth === 0 ? current.stack : `caused by: ${current.stack}`);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}
