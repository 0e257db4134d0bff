import { ApiSimulator, type ApiSimulatorOptions } from './api-simulator.js';
import {
  type SimulatedCall,
  type SimulatedCallFilter,
  SimulatedCallStore,
  type SimulatedCallWindow,
} from './simulated-call-store.js';
import { type SimulatedDataOptions, simulatedDataEnd } from './simulated-data-options.js';

export interface CallLogSimulatorOptions extends ApiSimulatorOptions, SimulatedDataOptions {}

/** The window of a `GET /__truth?from=…&to=…` (ISO dates), or `undefined` for every call. */
export function truthWindow(query: URLSearchParams): SimulatedCallWindow | undefined {
  const from = query.get('from');
  const to = query.get('to');
  return from && to ? { from: new Date(from), to: new Date(to) } : undefined;
}

/**
 * An `ApiSimulator` over a seeded call log: the calls in a `SimulatedCallStore` (by start,
 * searched in O(log n)), the data set's end (`now`, epoch ms), and the ground truth the
 * conformance kit and the tests compare listings with — `calls(window, filter)` here and
 * the same ids at `GET /__truth`. A simulator adds its calls to `store` and serves its
 * API's routes; it overrides `calls` only where its API lists fewer calls than it holds.
 */
export abstract class CallLogSimulator<Call extends SimulatedCall> extends ApiSimulator {
  /** The end of the data set, epoch ms. */
  readonly now: number;
  protected readonly store = new SimulatedCallStore<Call>();

  protected constructor(name: string, options: CallLogSimulatorOptions) {
    super(options);
    this.now = simulatedDataEnd(name, options.now);
  }

  /** Ground truth: the calls within a window (inclusive) and filter, or all of them; oldest first. */
  calls(window?: SimulatedCallWindow, filter: SimulatedCallFilter = {}): Call[] {
    return this.store.matching(window, filter);
  }

  /** The ids of `calls(window)`, the window read from `?from=…&to=…`. */
  protected override truth(query: URLSearchParams): unknown {
    return this.calls(truthWindow(query)).map((call) => call.id);
  }
}
