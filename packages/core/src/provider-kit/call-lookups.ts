import type { Call } from '../call.js';
import type { CallProvider } from '../call-provider.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import { mapConcurrent } from '../map-concurrent.js';

/** What looking one id up answered: each id gets one answer, a failure included. */
export type LookupAnswer =
  | { id: string; status: 'found'; call: Call }
  | { id: string; status: 'not-found' }
  /** The provider has the call but will serve it only from `availableAt` (a report not ready). */
  | { id: string; status: 'not-available-yet'; availableAt: Date }
  | { id: string; status: 'failed'; error: unknown };

export interface LookupOptions {
  signal?: AbortSignal | undefined;
}

/**
 * Calls looked up by their provider ids, as a tool offers it (`cdr lookup`) to fetch calls
 * a sync has not reached or a push never brought. A descriptor written with
 * `defineProviderDescriptor` always has one: by default one `getCall` per id.
 */
export interface CallLookups<Provider extends CallProvider = CallProvider> {
  /** What the provider calls a call's id, for people: `UCID`, `call SID`, `call id`. */
  readonly idName: string;
  /** Why an id can never be found (`UCIDs are numeric`), checked before any request. */
  idProblem?(id: string): string | undefined;
  /**
   * One answer per id (in any order): a provider that cannot fetch a call by id rejects
   * with an `UnsupportedError` before any request; a failed lookup is an answer.
   */
  lookUp(
    provider: Provider,
    ids: readonly string[],
    options?: LookupOptions,
  ): AsyncIterable<LookupAnswer>;
}

/** Lookups in flight at once with the default `getCall` lookup: the provider's limiter paces them. */
const defaultConcurrency = 4;

/** The default lookup: the provider's `getCall` for each id, a few at a time. */
export async function* lookUpByGetCall(
  provider: CallProvider,
  ids: readonly string[],
  options: LookupOptions = {},
): AsyncIterable<LookupAnswer> {
  if (!provider.capabilities.getCall)
    throw new UnsupportedError({
      provider: provider.provider,
      instance: provider.name,
      message: `${provider.provider} cannot fetch a call by its id; list its calls instead`,
      supported: { getCall: false },
    });
  const { signal } = options;
  yield* mapConcurrent(
    ids,
    (id, inner): Promise<LookupAnswer> =>
      provider.getCall(id, { signal: inner }).then(
        (call) => (call ? { id, status: 'found', call } : { id, status: 'not-found' }),
        (error: unknown) => ({ id, status: 'failed', error }),
      ),
    { concurrency: defaultConcurrency, signal },
  );
}
