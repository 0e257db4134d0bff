import {
  AuthenticationError,
  type CdrError,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
} from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import { z } from 'zod';

/**
 * Vonage's error body: RFC 7807 problem JSON (`type`, `title`, `detail`, `instance`, and
 * `invalid_parameters` on a validation error), fact sheet §5. `type` is a URL
 * (`https://developer.nexmo.com/api-errors#unauthorized`) on most answers but a number (`400`)
 * on a real Voice 400: both are read. Leniently: the body only words the error.
 */
const vonageErrorBodySchema = z.object({
  type: z.union([z.string(), z.number()]).nullish(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
  invalid_parameters: z
    .array(z.object({ name: z.string().nullish(), reason: z.string().nullish() }))
    .nullish(),
});

/** What a problem body says, in one line: `Unauthorized: You did not provide correct credentials.` */
function describe(body: unknown): string | undefined {
  const parsed = vonageErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { title, detail, invalid_parameters: invalid } = parsed.data;
  const parameters = (invalid ?? [])
    .map((parameter) => [parameter.name, parameter.reason].filter(Boolean).join(': '))
    .filter((text) => text !== '');
  const text = [title, detail, parameters.length > 0 ? parameters.join('; ') : undefined]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(': ');
  return text === '' ? undefined : text;
}

/**
 * Vonage's answers → typed errors, by HTTP status (its bodies carry no code of their own):
 * 401 (a bad, expired or revoked JWT: the application id or private key is wrong) and 403
 * are authentication errors, 404 an unknown call or path, 400/405/422 a refused request,
 * 429 its rate limit ("your request will not be queued": 15 GET/PUT/DELETE a second),
 * waited out after `Retry-After` when it is sent (not documented), with backoff otherwise.
 * 5xx answers are left to the transport (retried).
 */
export function interpretVonageResponse({
  statusCode,
  retryAfterMs,
  body,
  provider,
  instance,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  if (statusCode >= 200 && statusCode < 300) return undefined;
  const detail = describe(body);
  const message = `HTTP ${statusCode}${detail ? `: ${detail}` : ''}`;
  const who = { provider, instance, endpoint };
  if (statusCode === 401 || statusCode === 403)
    return new AuthenticationError({
      ...who,
      message: `authentication failed (check the application id and its private key): ${message}`,
    });
  if (statusCode === 404) return new NotFoundError({ ...who, message: `not found: ${message}` });
  if (statusCode === 429)
    return new RateLimitedError({ ...who, message: `rate limited: ${message}`, retryAfterMs });
  if (statusCode === 400 || statusCode === 405 || statusCode === 406 || statusCode === 422)
    return new InvalidRequestError({ ...who, message: `Vonage refused the request: ${message}` });
  return undefined;
}
