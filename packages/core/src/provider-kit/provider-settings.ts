import { z } from 'zod';
import { baseUrlSchema } from '../options/base-url.js';
import { functionOption, integerOption, positiveOption } from '../options/parse-options.js';
import type { CountryCode } from '../phone.js';
import { transportOptionsSchema } from '../transport/http-client-options.js';
import type { RateLimiter } from '../transport/rate-limiter.js';

const rateLimiterSchema = z.custom<RateLimiter>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RateLimiter).acquire === 'function' &&
    typeof (value as RateLimiter).pauseFor === 'function',
  { message: 'expected a RateLimiter, a { limit, intervalMs } budget or false' },
);

/** `rateLimit`: a shared `RateLimiter`, a budget, or `false`. */
export const rateLimitSettingSchema = z.union([
  z.literal(false),
  rateLimiterSchema,
  z.strictObject({
    limit: integerOption(1, 1_000_000),
    intervalMs: positiveOption('duration in ms'),
  }),
]);

/**
 * The zod shape of the settings every provider takes besides its own: spread it into the
 * provider's `z.strictObject({...})` so that all providers check them alike.
 */
export const providerSettingsShape = {
  name: z.string().trim().min(1).optional(),
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166 region code such as IN')
    .transform((value) => value as CountryCode)
    .optional(),
  concurrency: integerOption(1, 64).optional(),
  transport: transportOptionsSchema.optional(),
  rateLimit: rateLimitSettingSchema.optional(),
  now: functionOption<() => Date>().optional(),
};

/** A base URL setting: https (http only to loopback), no credentials, query or fragment. */
export const baseUrlSetting = baseUrlSchema;

/** A credential: a non-empty string, with no surrounding whitespace (a pasted token with a newline). */
export const credentialSetting = (what: string) =>
  z
    .string({ message: `expected ${what} as a string` })
    .min(1, `expected ${what}`)
    .refine((value) => value.trim() === value, `${what} has leading or trailing whitespace`);
