import { z } from 'zod';
import { callDirections, callStatuses } from './call.js';
import type { CallProvider, CallWindow, ListCallsQuery } from './call-provider.js';
import { InvalidRequestError, UnsupportedError } from './errors/index.js';
import { abortSignalOption, parseOptions } from './options/parse-options.js';

/** A listing query: the window, the filters, the signal, and nothing else (a typo is refused, not ignored). */
export const listCallsQuerySchema = z.strictObject({
  from: z.unknown(),
  to: z.unknown(),
  direction: z.enum(callDirections).optional(),
  status: z.enum(callStatuses).optional(),
  signal: abortSignalOption.optional(),
});

/** Who a check is for, in its error: a provider's family and instance name. */
export interface QueryCheckContext {
  provider?: string | undefined;
  instance?: string | undefined;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Checks a window before any request: both ends valid Dates, `from` not after `to`. */
export function assertValidWindow(
  window: Partial<CallWindow>,
  who: QueryCheckContext = {},
): asserts window is CallWindow {
  if (!isValidDate(window.from)) {
    throw new InvalidRequestError({
      ...who,
      message: '`from` is required and must be a valid Date',
    });
  }
  if (!isValidDate(window.to)) {
    throw new InvalidRequestError({ ...who, message: '`to` is required and must be a valid Date' });
  }
  if (window.from.getTime() > window.to.getTime()) {
    throw new InvalidRequestError({
      ...who,
      message: `\`from\` (${window.from.toISOString()}) is after \`to\` (${window.to.toISOString()})`,
    });
  }
}

/**
 * Checks a listing query against the provider's declared capabilities and throws the
 * typed error that says what is wrong or what it can serve: an unknown key or filter
 * value and a bad window are `InvalidRequestError`s, a filter the provider cannot serve an
 * `UnsupportedError`. Providers call this first in `listCalls` (the kit does).
 */
export function assertListQuerySupported(
  provider: Pick<CallProvider, 'name' | 'capabilities'> & Partial<Pick<CallProvider, 'provider'>>,
  query: ListCallsQuery,
): void {
  const who = { provider: provider.provider ?? provider.name, instance: provider.name };
  const capability = provider.capabilities.listCalls;
  if (!capability) {
    throw new UnsupportedError({
      ...who,
      message: 'this provider cannot list calls by time window; use getCall with a call id',
      supported: { listCalls: false, getCall: provider.capabilities.getCall },
    });
  }
  parseOptions(listCallsQuerySchema, query, { what: 'listCalls query', ...who });
  assertValidWindow(query, who);
  if (query.direction !== undefined && !capability.directions.includes(query.direction)) {
    throw new UnsupportedError({
      ...who,
      message: `cannot list ${query.direction} calls; it serves directions: ${capability.directions.join(', ')}`,
      supported: { directions: capability.directions },
    });
  }
  if (query.status !== undefined && !capability.statuses.includes(query.status)) {
    throw new UnsupportedError({
      ...who,
      message: `cannot list ${query.status} calls; it serves statuses: ${capability.statuses.join(', ')}`,
      supported: { statuses: capability.statuses },
    });
  }
}

/** The error a provider throws from `getCall` when its API has no lookup by id. */
export function unsupportedGetCall(
  provider: Pick<CallProvider, 'name'> & Partial<Pick<CallProvider, 'provider'>>,
): UnsupportedError {
  return new UnsupportedError({
    provider: provider.provider ?? provider.name,
    instance: provider.name,
    message: 'this provider cannot fetch a call by id; list a time window instead',
    supported: { getCall: false },
  });
}
