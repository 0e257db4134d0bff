import {
  AuthenticationError,
  type CdrError,
  type HttpResponseContext,
  InvalidRequestError,
} from '@cdr/core';
import { telecmiErrorBodySchema } from './telecmi-schemas.js';

function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  const parsed = telecmiErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.msg ?? parsed.data.message ?? parsed.data.error;
}

/**
 * TeleCMI's answers → typed errors. The docs give 404 for a bad token, app id or secret
 * and 400 for a missing parameter or a limit over 10. The same codes are honoured when
 * they arrive in the body of a 200, since `code` is part of every answer.
 */
export function interpretTelecmiResponse({
  statusCode,
  body,
  provider,
  endpoint,
}: HttpResponseContext): CdrError | undefined {
  const bodyCode =
    typeof body === 'object' && body !== null
      ? Number((body as { code?: unknown }).code)
      : Number.NaN;
  const code = statusCode === 200 && (bodyCode === 404 || bodyCode === 400) ? bodyCode : statusCode;
  const detail = providerMessage(body);
  if (code === 404) {
    return new AuthenticationError({
      provider,
      endpoint,
      message: `authentication failed (invalid token, app id or secret)${detail ? `: ${detail}` : ''}`,
    });
  }
  if (code === 400) {
    return new InvalidRequestError({
      provider,
      endpoint,
      message: `TeleCMI refused the request: ${detail ?? 'HTTP 400'}`,
    });
  }
  return undefined;
}
