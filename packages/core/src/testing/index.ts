export {
  assertNoSecretIn,
  type ConformanceProviderOptions,
  type ConformanceSession,
  type ConformanceTarget,
  type ConformanceTestApi,
  runCallProviderConformance,
} from './conformance.js';
export { FaultInjector, type FaultInjectorOptions, type FaultKind } from './fault-injector.js';
export { ManualClock } from './manual-clock.js';
export { hex, indianMobile, integer, pick, seededRandom } from './seeded-random.js';
export { startTestServer, type TestRequestHandler, type TestServer } from './test-server.js';
