import type { CallProvider } from '@cdr/core';
import { createOzonetel, type OzonetelProvider } from '@cdr/ozonetel';
import { createTelecmi } from '@cdr/telecmi';
import type { ProviderConfig } from './provider-config.ts';

export interface Providers {
  /** Accounts that can list calls by window, in sync order. */
  listing: CallProvider[];
  /** Ozonetel, lookup by UCID only, when configured. */
  ozonetel?: OzonetelProvider | undefined;
  /** The Ozonetel account's key, which callback pushes must carry. */
  ozonetelApiKey?: string | undefined;
  close(): Promise<void>;
}

export interface ProviderOptions {
  /** Time to the response headers and the longest silence in a body, per attempt. */
  requestTimeoutMs?: number | undefined;
  /** Retries after a failed attempt. */
  retries?: number | undefined;
  /** The clock Ozonetel's IST store choice reads. Default: the system clock. */
  now?: (() => Date) | undefined;
}

/** Builds the configured providers; credentials are checked here, before any request. */
export function createProviders(config: ProviderConfig, options: ProviderOptions = {}): Providers {
  const transport = {
    ...(options.requestTimeoutMs
      ? { timeouts: { headersMs: options.requestTimeoutMs, bodyMs: options.requestTimeoutMs } }
      : {}),
    ...(options.retries !== undefined ? { retry: { maxRetries: options.retries } } : {}),
  };
  const listing = config.telecmi.map((credentials) =>
    createTelecmi({ credentials, baseUrls: config.telecmiBaseUrls, transport }),
  );
  const ozonetel = config.ozonetel
    ? createOzonetel({
        userName: config.ozonetel.userName,
        apiKey: config.ozonetel.apiKey,
        ...(config.ozonetel.baseUrl ? { baseUrl: config.ozonetel.baseUrl } : {}),
        ...(options.now ? { now: options.now } : {}),
        transport,
      })
    : undefined;
  return {
    listing,
    ozonetel,
    ozonetelApiKey: config.ozonetel?.apiKey,
    async close() {
      await Promise.all([...listing, ...(ozonetel ? [ozonetel] : [])].map((p) => p.close?.()));
    },
  };
}
