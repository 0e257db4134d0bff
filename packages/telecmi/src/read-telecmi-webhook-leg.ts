import { formatIssuePath } from '@cdr/core/provider-utils';
import { invalidTelecmiWebhook } from './invalid-telecmi-webhook.js';
import type { TelecmiWebhookLeg } from './map-telecmi-webhook-legs.js';
import { telecmiWebhookPayloadSchema } from './telecmi-webhook-schemas.js';

/**
 * Checks a received CDR webhook against `telecmiWebhookPayloadSchema`: an
 * `InvalidRequestError` names each field that is wrong and what it must be (never the
 * value). `what` names the payload in the message, e.g. a stored Call's leg.
 */
export function readTelecmiWebhookLeg(
  received: Record<string, unknown>,
  what = 'the CDR webhook',
): TelecmiWebhookLeg {
  const result = telecmiWebhookPayloadSchema.safeParse(received);
  if (result.success) return { received, payload: result.data };
  const issues = result.error.issues;
  const problems = issues
    .slice(0, 3)
    .map((issue) => `\`${formatIssuePath(issue.path)}\`: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw invalidTelecmiWebhook(`${what} is not a TeleCMI CDR: ${problems.join('; ')}${more}`);
}
