import type { CallProvider, CallWindow, ListCallsQuery } from './call-provider.js';
import { InvalidRequestError, UnsupportedError } from './errors/errors.js';

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Checks a window before any request: both ends valid Dates, `from` not after `to`. */
export function assertValidWindow(
  window: Partial<CallWindow>,
  provider?: string,
): asserts window is CallWindow {
  if (!isValidDate(window.from)) {
    throw new InvalidRequestError({
      provider,
      message: '`from` is required and must be a valid Date',
    });
  }
  if (!isValidDate(window.to)) {
    throw new InvalidRequestError({
      provider,
      message: '`to` is required and must be a valid Date',
    });
  }
  if (window.from.getTime() > window.to.getTime()) {
    throw new InvalidRequestError({
      provider,
      message: `\`from\` (${window.from.toISOString()}) is after \`to\` (${window.to.toISOString()})`,
    });
  }
}

/**
 * Checks a listing query against the provider's declared capabilities and throws the
 * typed error that says what it can serve. Providers call this first in `listCalls`.
 */
export function assertListQuerySupported(
  provider: Pick<CallProvider, 'name' | 'capabilities'>,
  query: ListCallsQuery,
): void {
  const capability = provider.capabilities.listCalls;
  if (!capability) {
    throw new UnsupportedError({
      provider: provider.name,
      message: 'this provider cannot list calls by time window; use getCall with a call id',
      supported: { listCalls: false, getCall: provider.capabilities.getCall },
    });
  }
  assertValidWindow(query, provider.name);
  if (query.direction !== undefined && !capability.directions.includes(query.direction)) {
    throw new UnsupportedError({
      provider: provider.name,
      message: `cannot list ${query.direction} calls; it serves directions: ${capability.directions.join(', ')}`,
      supported: { directions: capability.directions },
    });
  }
  if (query.status !== undefined && !capability.statuses.includes(query.status)) {
    throw new UnsupportedError({
      provider: provider.name,
      message: `cannot list ${query.status} calls; it serves statuses: ${capability.statuses.join(', ')}`,
      supported: { statuses: capability.statuses },
    });
  }
}

/** The error a provider throws from `getCall` when its API has no lookup by id. */
export function unsupportedGetCall(provider: Pick<CallProvider, 'name'>): UnsupportedError {
  return new UnsupportedError({
    provider: provider.name,
    message: 'this provider cannot fetch a call by id; list a time window instead',
    supported: { getCall: false },
  });
}
