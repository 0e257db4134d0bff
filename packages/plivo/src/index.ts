// @cdr/plivo: the factory, its settings and Plivo's documented limits. The sync tool's
// descriptor is on `@cdr/plivo/descriptor`, signed callbacks on `@cdr/plivo/push`, the
// simulator on `@cdr/plivo/testing`.
export {
  createPlivo,
  defaultPlivoBaseUrl,
  type PlivoSettings,
  parsePlivoSettings,
  plivoMaxPageSize,
  plivoRateLimit,
  plivoRetentionDays,
} from './plivo-provider.js';
