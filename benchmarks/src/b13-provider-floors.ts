// B13: each newer provider's listing of a window at 50 ms simulated latency, with our
// client's defaults (concurrency 4, the largest page, the documented budget), against the
// floor the provider's limits set: the pages the window needs, no more than 4 in flight
// each taking the RTT, and no more of them started in any interval than the budget allows
// (`listingFloorMs`). Exact ids checked on every run; the simulator's 429s counted.
import { aircallWorkload } from './aircall-workload.ts';
import { type BenchmarkConfig, type BenchmarkRow, format, ratioRow } from './harness.ts';
import {
  budgetWindowPassed,
  type ListingRun,
  type ListingWorkload,
  listingFloorMs,
} from './listing-workload.ts';
import { plivoWorkload } from './plivo-workload.ts';
import { telnyxWorkload } from './telnyx-workload.ts';
import { vonageWorkload } from './vonage-workload.ts';

/** The workloads, sized for runs of a few seconds of budget-bound listing each (B14's too). */
export function newerProviderWorkloads(quick: boolean) {
  return {
    plivo: () => plivoWorkload(quick ? 400 : 10_000),
    vonage: () => vonageWorkload(quick ? 400 : 10_000),
    telnyx: () => telnyxWorkload(quick ? 300 : 4_000),
    aircall: () => aircallWorkload(quick ? 600 : 12_000, quick ? 400 : 6_000),
  } satisfies Record<string, () => Promise<ListingWorkload>>;
}

async function floorRow(workload: ListingWorkload, runs: number, config: BenchmarkConfig) {
  const pages = Math.ceil(workload.calls / workload.pageSize);
  const floorMs = listingFloorMs(pages, workload.concurrency, workload.latencyMs, workload.budget);
  const floorRate = (workload.calls / floorMs) * 1000;
  const measured: ListingRun[] = [];
  for (let run = 0; run < runs; run++) {
    await budgetWindowPassed(workload);
    measured.push(await workload.ours());
  }
  const ours = measured.map((run) => (workload.calls / run.ms) * 1000);
  const requests = measured.map((run) => run.requests);
  const refused = measured.map((run) => run.rateLimited);
  config.log(
    `B13 ${workload.provider}: ${format.spread(ours, 'calls')} against a floor of ${format.rate(floorRate, 'calls')} (${pages} pages in ${format.ms(floorMs)}); requests ${requests.join(', ')}; 429s ${refused.join(', ')}`,
  );
  return ratioRow({
    id: 'B13',
    what: `${workload.provider}: list ${workload.calls.toLocaleString('en-US')} calls, ${workload.shape}, ${workload.latencyMs} ms latency, concurrency ${workload.concurrency}, budget ${workload.budgetLabel}; exact ids; requests ${Math.min(...requests)}–${Math.max(...requests)} (${pages} pages at least), 429s from the budget ${Math.max(...refused)} at most`,
    figure: ours,
    baseline: ours.map(() => floorRate),
    unit: 'calls',
    baselineLabel: `floor: ${pages} pages in ${format.ms(floorMs)}`,
    target: 0.9,
    targetLabel: '>= 0.90 of the floor',
  });
}

export async function runB13(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const runs = config.quick ? 1 : 3;
  const rows: BenchmarkRow[] = [];
  for (const start of Object.values(newerProviderWorkloads(config.quick))) {
    const workload = await start();
    try {
      rows.push(await floorRow(workload, runs, config));
    } finally {
      await workload.stop();
    }
  }
  return rows;
}
