import type { Call, CallDirection, CallStatus } from './call.js';

/**
 * The version of the {@link CallProvider} contract. A provider states the version it was
 * written against, so the contract can change without silently breaking older plugins.
 */
export const CALL_PROVIDER_SPECIFICATION_VERSION = 'v1';

/** A time window of calls: `from` inclusive, `to` inclusive, by the call's start. */
export interface CallWindow {
  from: Date;
  to: Date;
}

export interface ListCallsQuery extends CallWindow {
  /** Only calls of this direction. Absent: every direction the provider serves. */
  direction?: CallDirection | undefined;
  /** Only calls of this status. Absent: every status the provider serves. */
  status?: CallStatus | undefined;
  signal?: AbortSignal | undefined;
}

export interface GetCallOptions {
  signal?: AbortSignal | undefined;
}

/** What a provider can do, declared up front so clients can check before asking. */
export interface CallProviderCapabilities {
  /** Listing by time window, and the filters it can apply; `false` when the API has no listing. */
  listCalls:
    | false
    | {
        directions: readonly CallDirection[];
        statuses: readonly CallStatus[];
        /** How far back the provider keeps calls, in days, when it says. */
        retentionDays?: number | undefined;
      };
  /** Fetching one call by its provider id. */
  getCall: boolean;
}

/**
 * The contract every provider plugin implements (specification `v1`).
 *
 * A method whose capability is `false` rejects with an `UnsupportedError`; a query asking
 * for a direction or status the provider cannot serve rejects the same way, naming what
 * it can serve. Both happen before any request is sent.
 */
export interface CallProvider {
  readonly specificationVersion: typeof CALL_PROVIDER_SPECIFICATION_VERSION;
  /** The provider family, as in `Call.provider`: `telecmi`, `ozonetel`. */
  readonly provider: string;
  /** This instance's name, unique within a client: `telecmi:rest-user`, `telecmi:piopiy-agent`, `ozonetel:sales`. */
  readonly name: string;
  readonly capabilities: CallProviderCapabilities;
  /** Streams the calls that started within the window; cancel with `query.signal` or by leaving the loop. */
  listCalls(query: ListCallsQuery): AsyncIterable<Call>;
  /** One call by its provider id, or `null` when the provider has none. */
  getCall(id: string, options?: GetCallOptions): Promise<Call | null>;
  /** Releases connections. */
  close?(): Promise<void>;
}
