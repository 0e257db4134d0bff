// B4: a batch of Ozonetel UCID lookups against a simulator enforcing a (scaled-down)
// per-account budget: how close to the floor the budget sets, and no refusals.
import { createOzonetel } from '@cdr/ozonetel';
import { OzonetelSimulator } from '@cdr/ozonetel/testing';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  medianOf,
  timed,
} from './harness.ts';

export async function runB4(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const lookups = config.quick ? 60 : 200;
  const budget = config.quick ? { limit: 20, intervalMs: 1000 } : { limit: 50, intervalMs: 6000 };
  const runs = config.quick ? 1 : 3;
  // A sliding window admits `limit` requests at once, then `limit` more each interval.
  const floorMs = (Math.ceil(lookups / budget.limit) - 1) * budget.intervalMs;
  let refusals = 0;
  const figure = await medianOf(runs, async () => {
    const simulator = await OzonetelSimulator.start({ calls: 0, seed: 4, rateLimit: budget });
    const twoDaysAgo = new Date(simulator.now().getTime() - 2 * 86_400_000);
    const ucids = Array.from({ length: lookups }, () => simulator.addCall(twoDaysAgo).ucid);
    const provider = createOzonetel({
      userName: simulator.userName,
      apiKey: simulator.apiKey,
      baseUrl: simulator.url,
      rateLimit: budget,
      now: () => simulator.now(),
    });
    let found = 0;
    const ms = await timed(async () => {
      for await (const result of provider.lookupCalls(ucids, {
        reportType: 'historical',
        concurrency: 8,
      })) {
        if (result.status === 'found') found++;
      }
    });
    refusals += simulator.rateLimitedCount;
    await provider.close?.();
    await simulator.stop();
    check(found === lookups, `found ${found} of ${lookups}`);
    return ms;
  });
  config.log(
    `B4: ${format.ms(figure)} for ${lookups} lookups (floor ${format.ms(floorMs)}), ${refusals} refusals`,
  );
  return [
    {
      id: 'B4',
      what: `${lookups} Ozonetel lookups, budget ${budget.limit} per ${budget.intervalMs / 1000} s`,
      figure: `${format.ms(figure)}, ${refusals} "max limit exceeded"`,
      baseline: `${format.ms(floorMs)} (floor)`,
      ratio: format.ratio(figure / floorMs),
      target: '<= 1.05 x the floor, 0 refused',
      met: figure / floorMs <= 1.05 && refusals === 0,
    },
  ];
}
