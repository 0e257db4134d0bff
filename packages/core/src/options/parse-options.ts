import { z } from 'zod';
import { InvalidRequestError } from '../errors/index.js';
import { formatIssuePath } from '../parse-response.js';

export interface OptionsContext {
  /** What the options are for, e.g. `createTelecmi settings`, `HttpClient options`. */
  what: string;
  provider?: string | undefined;
  instance?: string | undefined;
  /** Prefixed to every path, e.g. `transport` for options nested in a provider's settings. */
  path?: string | undefined;
}

/**
 * Checks an options object against its schema when a client, provider or limiter is
 * created: a bad value is an `InvalidRequestError` naming the option and what it must be,
 * before any request and before any work that would fail later (a `NaN` concurrency
 * crashing mid-listing). The error names the option and the expected type, never the value
 * given: an option may hold a credential.
 *
 * Schemas for options are strict (`z.strictObject`): an unknown key is a typo or a setting
 * this version does not have, and is refused rather than silently ignored.
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  context: OptionsContext,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const path = [context.path, formatIssuePath(issue.path)].filter(
      (part) => part && part !== '(root)',
    );
    const where = path.length > 0 ? `\`${path.join('.')}\`` : context.what;
    return `${where}: ${issue.message}`;
  });
  const more =
    result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
  throw new InvalidRequestError({
    provider: context.provider,
    instance: context.instance,
    message: `invalid ${context.what}: ${problems.join('; ')}${more}`,
  });
}

/** A function option (callbacks, clocks): zod 4 has no function schema, so checked by type. */
export const functionOption = <Fn extends (...args: never[]) => unknown>() =>
  z.custom<Fn>((value) => typeof value === 'function', { message: 'expected a function' });

/** A whole number in a range, e.g. a concurrency or a page size. */
export const integerOption = (minimum: number, maximum: number) =>
  z
    .number()
    .int(`expected a whole number from ${minimum} to ${maximum}`)
    .min(minimum, `expected a whole number from ${minimum} to ${maximum}`)
    .max(maximum, `expected a whole number from ${minimum} to ${maximum}`);

/** A finite duration or size in milliseconds or bytes, greater than zero. */
export const positiveOption = (what = 'number') =>
  z
    .number()
    .refine(Number.isFinite, `expected a finite ${what}`)
    .refine((value) => value > 0, `expected a ${what} greater than 0`);

/** A finite number, zero or more. */
export const nonNegativeOption = (what = 'number') =>
  z
    .number()
    .refine(Number.isFinite, `expected a finite ${what}`)
    .refine((value) => value >= 0, `expected a ${what} of 0 or more`);

/** An AbortSignal. */
export const abortSignalOption = z.custom<AbortSignal>((value) => value instanceof AbortSignal, {
  message: 'expected an AbortSignal',
});
