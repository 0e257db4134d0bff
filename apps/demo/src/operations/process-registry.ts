import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * prom-client's default gauges whose names end in `_total`, which Prometheus keeps for
 * counters: `promtool check metrics` refuses them, and a recording rule that takes every
 * `*_total` for a counter would rate() them.
 */
const misnamedDefaults = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * A metrics registry of this command's own, with Node's process metrics (CPU, memory, event
 * loop lag) in it: never prom-client's global one, so two commands run in one process (the
 * tests do) count apart.
 */
export function createProcessRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of misnamedDefaults) registry.removeSingleMetric(name);
  return registry;
}
