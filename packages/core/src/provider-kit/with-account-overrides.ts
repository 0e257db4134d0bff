import type { TransportOptions } from '../transport/http-client-options.js';
import type { AccountOverrides } from './provider-descriptor.js';

/**
 * A provider's checked settings with what a tool sets on every account (its transport
 * events and timeouts, rate limit, concurrency, clock) laid over them; transport options
 * merge, so a tool's `onEvent` keeps the account's own timeouts.
 */
export function withAccountOverrides<Settings extends { transport?: TransportOptions | undefined }>(
  settings: Settings,
  overrides: AccountOverrides = {},
): Settings {
  return {
    ...settings,
    ...(overrides.rateLimit !== undefined ? { rateLimit: overrides.rateLimit } : {}),
    ...(overrides.concurrency !== undefined ? { concurrency: overrides.concurrency } : {}),
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.transport
      ? { transport: { ...settings.transport, ...overrides.transport } }
      : {}),
  };
}
