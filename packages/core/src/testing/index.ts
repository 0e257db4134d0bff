// First: refuses an old Node.js with a clear message before undici is loaded.
export { minimumNodeVersion } from '../node-version.js';
export {
  ApiSimulator,
  type ApiSimulatorOptions,
  type SimulatorAnswer,
  type SimulatorRequest,
} from './api-simulator.js';
export {
  CallLogSimulator,
  type CallLogSimulatorOptions,
  truthWindow,
} from './call-log-simulator.js';
export { collect } from './collect.js';
export {
  assertNoSecretIn,
  assertNoSecretInTexts,
  type ConformanceCheck,
  type ConformanceProviderOptions,
  type ConformanceSession,
  type ConformanceTarget,
  type ConformanceTestApi,
  conformanceChecks,
  runCallProviderConformance,
} from './conformance/index.js';
export {
  type FaultedRequest,
  FaultInjector,
  type FaultInjectorOptions,
  type FaultKind,
} from './fault-injector.js';
export {
  type ForwardProxy,
  type ForwardProxyOptions,
  type ProxiedRequest,
  type ProxyAnswer,
  startForwardProxy,
} from './forward-proxy.js';
export { ManualClock } from './manual-clock.js';
export { hex, indianMobile, integer, pick, seededRandom } from './seeded-random.js';
export {
  type SimulatedCall,
  type SimulatedCallFilter,
  SimulatedCallStore,
  type SimulatedCallWindow,
} from './simulated-call-store.js';
export { type SimulatedDataOptions, simulatedDataEnd } from './simulated-data-options.js';
export { type RequestBudget, SlidingWindowBudget } from './sliding-window-budget.js';
export { startTestServer, type TestRequestHandler, type TestServer } from './test-server.js';
