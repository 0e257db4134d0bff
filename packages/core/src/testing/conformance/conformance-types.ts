import type { CallProvider, CallWindow } from '../../call-provider.js';
import type { ListingFilter } from '../../provider-kit/listing-source.js';
import type { TransportEventListener } from '../../transport/transport-event.js';
import type { FaultKind } from '../fault-injector.js';

/** The parts of a test framework the kit needs; vitest's `describe` and `test` fit. */
export interface ConformanceTestApi {
  describe: (name: string, body: () => void) => void;
  test: ((name: string, body: () => Promise<void>, timeoutMs?: number) => void) & {
    /** Registers a check that does not apply, so the report shows it and why. */
    skip?: (name: string, body: () => Promise<void>) => void;
  };
}

export interface ConformanceProviderOptions {
  /** `invalid`: credentials the simulator refuses. Default `valid`. */
  credentials?: 'valid' | 'invalid';
  /** Hand to the provider's `transport.onEvent`: the checks read the listing's events. */
  onEvent?: TransportEventListener;
}

/** One simulator, started fresh for each check, and how to build providers against it. */
export interface ConformanceSession {
  /** A provider pointed at this session's simulator, retrying fast (tests should not sleep long). */
  createProvider(options?: ConformanceProviderOptions): CallProvider;
  /**
   * Every secret the session's providers hold, valid and invalid: none may appear in any
   * error or Call, in any encoding. At least one must contain `"` or `\`, so that a
   * redaction that misses the JSON-escaped form is caught (make the invalid one awkward).
   */
  readonly secrets: readonly string[];
  /** The secrets a provider built with valid credentials holds (the ones it can scrub). */
  readonly validSecrets: readonly string[];
  /** Requests the simulator has received so far. */
  requestCount(): number;
  /** The next `count` requests get this fault. */
  injectFault(kind: FaultKind, count: number): void;
  /** Faults produced so far, by kind: proves an injected fault was served, not ignored. */
  producedFaults(): ReadonlyMap<FaultKind, number>;
  /**
   * From now on, the simulator puts `text` into the free-text fields of every record it
   * serves (contact names, notes, recording URLs…), as a provider that echoes what it was
   * sent would. The kit passes a credential in several encodings; no Call may carry it.
   */
  echoInRecords(text: string): void;
  stop(): Promise<void>;

  /**
   * Listing providers: from now on, the simulator serves one call of `window` as a record
   * that cannot be trusted (an end before its start, say), and the id of that call is
   * returned. The listing must go on without it and report it as `record-rejected` with its
   * raw form. Without it the quarantine check is skipped, saying why.
   */
  corruptRecord?(): string;

  /** Listing providers: a window whose calls span several pages. */
  readonly window?: CallWindow;
  /**
   * Listing providers: the simulator's ground truth, the ids of the calls a listing of
   * `window` (with the filter, when given) must yield.
   */
  expectedCallIds?(window: CallWindow, filter?: ListingFilter): readonly string[];

  /** Lookup providers: ids the simulator holds, and one it does not. */
  readonly knownCallIds?: readonly string[];
  readonly unknownCallId?: string;
}

export interface ConformanceTarget {
  /** Names the suite, e.g. `telecmi (user token)`. */
  name: string;
  /** What the provider must declare; which checks apply follows from it. */
  capabilities: CallProvider['capabilities'];
  start(): Promise<ConformanceSession>;
  /** Per-check timeout. Default 30 s. */
  timeoutMs?: number;
}

/** One check of the contract. */
export interface ConformanceCheck {
  name: string;
  /** Why the check does not apply to this target, or `undefined` when it does. */
  skipReason?: (target: ConformanceTarget) => string | undefined;
  run: (session: ConformanceSession, target: ConformanceTarget) => Promise<void>;
}
