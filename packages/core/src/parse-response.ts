import type { z } from 'zod';
import { ResponseValidationError } from './errors/index.js';

/** `['cdr', 3, 'time']` → `cdr[3].time`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || '(root)';
}

/**
 * Validates a decoded response body against the provider's schema. A mismatch becomes a
 * {@link ResponseValidationError} that names the provider, the endpoint and the offending
 * path, so schema drift never surfaces as a crash inside mapping code.
 */
export function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  context: { provider: string; instance?: string | undefined; endpoint: string },
): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
  }));
  const first = issues[0];
  throw new ResponseValidationError({
    ...context,
    issues,
    message: `unexpected response shape at ${first?.path}: ${first?.message}`,
  });
}
