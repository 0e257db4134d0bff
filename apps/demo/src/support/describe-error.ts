// The marker every @cdr/core error carries (`CdrError.marker`, a `Symbol.for` key so that it
// holds across copies of core), read here without loading core: `cdr --help` and every
// error message stay fast.
const cdrErrorMarker = Symbol.for('@cdr/core.error.CdrError');

function isCdrError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error && (error as unknown as Record<symbol, unknown>)[cdrErrorMarker] === true
  );
}

/** One line for a person: the typed code and message of a CdrError, or the message. */
export function describeError(error: unknown): string {
  if (isCdrError(error)) return `${error.code}: ${error.message}`;
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
