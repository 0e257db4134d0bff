export { baseUrlProblem, baseUrlSchema, describeUrl, isLoopbackHost } from './base-url.js';
export {
  abortSignalOption,
  functionOption,
  integerOption,
  nonNegativeOption,
  type OptionsContext,
  parseOptions,
  positiveOption,
} from './parse-options.js';
