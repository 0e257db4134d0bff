import type { Redactor } from './redact.js';

/**
 * Redacts, in place, every string an error carries: its message and stack, its own fields
 * (`responseBody`, `issues`, …) and its cause, at any depth. For errors built from a
 * provider's answer, which may quote the request and so a credential.
 */
export function scrubError<Failure>(error: Failure, redactor: Redactor): Failure {
  if (typeof error !== 'object' || error === null) return error;
  for (const key of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || !('value' in descriptor)) continue;
    const value = descriptor.value as unknown;
    const scrubbed = value instanceof Error ? scrubError(value, redactor) : redactor.scrub(value);
    if (scrubbed !== value && descriptor.configurable) {
      Object.defineProperty(error, key, { ...descriptor, value: scrubbed });
    }
  }
  return error;
}
