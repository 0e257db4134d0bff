import { AuthenticationError, type CdrError, InvalidRequestError } from '@cdr/core';
import type { HttpResponseContext } from '@cdr/core/provider-utils';
import type { TelecmiEndpoint } from './telecmi-endpoints.js';
import { telecmiErrorBodySchema } from './telecmi-schemas.js';

function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  const parsed = telecmiErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.msg ?? parsed.data.message ?? parsed.data.error;
}

/**
 * TeleCMI's answers → typed errors. The docs give 404 for a bad token, app id or secret
 * and 400 for a missing parameter or a limit over the cap. The same codes are honoured
 * when they arrive in the body of a 200, since `code` is part of every answer.
 *
 * A 404 is also what an endpoint that does not exist would answer: for an endpoint whose
 * existence is inferred, the error says so and how to choose its sibling.
 */
export function interpretTelecmiResponse(
  { statusCode, body, provider, instance, endpoint }: HttpResponseContext,
  source?: Pick<TelecmiEndpoint, 'evidence' | 'group' | 'id'>,
): CdrError | undefined {
  const bodyCode =
    typeof body === 'object' && body !== null
      ? Number((body as { code?: unknown }).code)
      : Number.NaN;
  const code = statusCode === 200 && (bodyCode === 404 || bodyCode === 400) ? bodyCode : statusCode;
  // Read only for an error: every page of a listing passes here (B3).
  if (code !== 404 && code !== 400) return undefined;
  const detail = providerMessage(body);
  const who = { provider, instance, endpoint };
  if (code === 404) {
    const hint =
      source?.evidence === 'inferred'
        ? ` (this endpoint is inferred from TeleCMI's notes, not confirmed: if the same credentials work elsewhere, choose another endpoint for ${source.group} with the \`endpoints\` setting, or false to skip it)`
        : '';
    return new AuthenticationError({
      ...who,
      message: `authentication failed (invalid token, app id or secret)${detail ? `: ${detail}` : ''}${hint}`,
    });
  }
  return new InvalidRequestError({
    ...who,
    message: `TeleCMI refused the request: ${detail ?? 'HTTP 400'}`,
  });
}
