export { assertNoSecretIn, assertNoSecretInTexts } from './assertions.js';
export type {
  ConformanceCheck,
  ConformanceProviderOptions,
  ConformanceSession,
  ConformanceTarget,
  ConformanceTestApi,
} from './conformance-types.js';
export { conformanceChecks, runCallProviderConformance } from './run-conformance.js';
