import { z } from 'zod';
import type { Call } from './call.js';
import {
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type CallProvider,
  type GetCallOptions,
  type ListCallsQuery,
} from './call-provider.js';
import { InvalidRequestError } from './errors/index.js';
import { parseOptions } from './options/parse-options.js';
import { primed } from './primed.js';
import { assertListQuerySupported, assertValidWindow } from './validate-query.js';

/**
 * The client's options schema, built on first use rather than when core is loaded: a bundle
 * that imports only an error class from core then leaves zod out (a schema built at the top
 * of a module is a call a bundler must keep).
 */
function clientOptionsSchema() {
  const callProviderSchema = z.custom<CallProvider>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as CallProvider).name === 'string' &&
      typeof (value as CallProvider).listCalls === 'function' &&
      typeof (value as CallProvider).getCall === 'function',
    { message: 'expected a CallProvider (createTelecmi(…), createOzonetel(…), …)' },
  );
  return z.strictObject({
    providers: z.array(
      callProviderSchema.refine(
        (provider) => provider.specificationVersion === CALL_PROVIDER_SPECIFICATION_VERSION,
        `expected a provider of specification ${CALL_PROVIDER_SPECIFICATION_VERSION}: update the provider package or @cdr/core`,
      ),
    ),
  });
}

export interface CdrClientOptions {
  providers: readonly CallProvider[];
}

export interface ClientListCallsQuery extends ListCallsQuery {
  /** Only these providers, by instance name. Default: every provider that can list. */
  providers?: readonly string[] | undefined;
}

export interface CdrClient {
  /** The providers, by instance name. */
  readonly providers: ReadonlyMap<string, CallProvider>;
  /** One provider by instance name; throws `InvalidRequestError` when there is none. */
  provider(name: string): CallProvider;
  /**
   * Streams the window's calls from every selected provider as one stream: provider by
   * provider, in the order they were given to the client, each in its own order. Every
   * provider's query is checked before the first request, so one unsupported filter fails
   * fast rather than after the others have been listed.
   */
  listCalls(query: ClientListCallsQuery): AsyncIterable<Call>;
  /** One call from one provider. */
  getCall(providerName: string, id: string, options?: GetCallOptions): Promise<Call | null>;
  /** Closes every provider's connections. */
  close(): Promise<void>;
}

/** Composes providers into one client. Instance names must be unique. */
export function createCdrClient(settings: CdrClientOptions): CdrClient {
  const options = parseOptions(clientOptionsSchema(), settings, { what: 'client options' });
  const providers = new Map<string, CallProvider>();
  for (const provider of options.providers) {
    if (providers.has(provider.name)) {
      throw new InvalidRequestError({
        message: `two providers are named "${provider.name}"; give each a unique name`,
      });
    }
    providers.set(provider.name, provider);
  }

  const provider = (name: string): CallProvider => {
    const found = providers.get(name);
    if (!found) {
      throw new InvalidRequestError({
        message: `no provider named "${name}"; known: ${[...providers.keys()].join(', ') || 'none'}`,
      });
    }
    return found;
  };

  return {
    providers,
    provider,
    listCalls(query) {
      const { providers: names, ...providerQuery } = query ?? ({} as ClientListCallsQuery);
      assertValidWindow(providerQuery);
      if (names !== undefined && !Array.isArray(names))
        throw new InvalidRequestError({ message: '`providers` must be a list of provider names' });
      const selected = names
        ? names.map(provider)
        : [...providers.values()].filter((candidate) => candidate.capabilities.listCalls !== false);
      for (const candidate of selected) assertListQuerySupported(candidate, providerQuery);
      const only = selected.length === 1 ? selected[0] : undefined;
      // One provider: its own stream, started when read, with no generator of ours between
      // (a promise and an iterator result less for every call: B3).
      if (only)
        return {
          [Symbol.asyncIterator]: () => only.listCalls(providerQuery)[Symbol.asyncIterator](),
        };
      return (async function* () {
        // Every provider's first page is asked for at once; calls still come provider by
        // provider, in order.
        const streams = selected.map((candidate) =>
          primed(candidate.listCalls(providerQuery)[Symbol.asyncIterator]()),
        );
        try {
          for (const stream of streams) {
            for await (const call of stream) yield call;
          }
        } finally {
          await Promise.allSettled(streams.map((stream) => stream.return()));
        }
      })();
    },
    getCall(providerName, id, getOptions) {
      return provider(providerName).getCall(id, getOptions);
    },
    async close() {
      await Promise.all([...providers.values()].map((candidate) => candidate.close?.()));
    },
  };
}
