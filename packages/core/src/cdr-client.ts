import type { Call } from './call.js';
import type { CallProvider, GetCallOptions, ListCallsQuery } from './call-provider.js';
import { InvalidRequestError } from './errors/errors.js';
import { assertListQuerySupported, assertValidWindow } from './validate-query.js';

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
export function createCdrClient(options: CdrClientOptions): CdrClient {
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
      assertValidWindow(query);
      const selected = query.providers
        ? query.providers.map(provider)
        : [...providers.values()].filter((candidate) => candidate.capabilities.listCalls !== false);
      for (const candidate of selected) assertListQuerySupported(candidate, query);
      const { providers: _names, ...providerQuery } = query;
      return (async function* () {
        for (const candidate of selected) yield* candidate.listCalls(providerQuery);
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
