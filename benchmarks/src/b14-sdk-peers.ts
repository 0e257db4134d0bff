// B14: our listing against each official Node SDK's own listing of the same window at the
// same 50 ms latency, alternating in one process, exact ids checked on both sides. Twilio
// (`calls.each` at its default page size, 50, and at its largest, 1,000), Plivo, Vonage
// and Telnyx at the workloads of B13. Aircall publishes no Node SDK: it has no row here.
import { newerProviderWorkloads } from './b13-provider-floors.ts';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  format,
  ratioRow,
  sideBySideRuns,
} from './harness.ts';
import {
  budgetWindowPassed,
  type ListingRun,
  type ListingWorkload,
  timedListing,
} from './listing-workload.ts';
import { twilioWorkload } from './twilio-workload.ts';

const rateOf = (calls: number) => (run: ListingRun) => (calls / run.ms) * 1000;

async function peerRow(workload: ListingWorkload, runs: number, config: BenchmarkConfig) {
  const sdk = workload.sdk!;
  const refused: number[] = [];
  const rate = rateOf(workload.calls);
  const result = await sideBySideRuns(runs, {
    ours: async () => {
      await budgetWindowPassed(workload);
      return rate(await workload.ours());
    },
    sdk: async () => {
      await budgetWindowPassed(workload);
      const run = await sdk.run();
      refused.push(run.rateLimited);
      return rate(run);
    },
  });
  config.log(
    `B14 ${workload.provider}: ours ${format.spread(result.ours, 'calls')}, ${sdk.name} ${format.spread(result.sdk, 'calls')} (429s met by the SDK: ${refused.join(', ')})`,
  );
  return ratioRow({
    id: 'B14',
    what: `${workload.provider}: list ${workload.calls.toLocaleString('en-US')} calls, ${workload.latencyMs} ms latency, budget ${workload.budgetLabel}: our client's defaults (concurrency ${workload.concurrency}, pages of ${workload.pageSize}) against ${sdk.name}, pages of ${sdk.pageSize}, one after another (429s it met: ${Math.max(...refused)} at most); exact ids`,
    figure: result.ours,
    baseline: result.sdk,
    unit: 'calls',
    baselineLabel: 'the SDK',
    target: 1,
    targetLabel: '>= 1x the SDK (issue 25 sets none)',
  });
}

async function twilioRows(config: BenchmarkConfig, runs: number): Promise<BenchmarkRow[]> {
  const workload = await twilioWorkload(config.quick ? 2000 : 20_000);
  const { calls, truth, simulator, window } = workload;
  const rate = rateOf(calls);
  const ours = (concurrency?: number) => async () => {
    const provider = workload.ours(concurrency === undefined ? {} : { concurrency });
    try {
      const run = await timedListing(simulator, truth, 'our client', async (add) => {
        for await (const call of provider.listCalls(window)) add(call.id);
      });
      return rate(run);
    } finally {
      await provider.close?.();
    }
  };
  const sdk = (pageSize: number) => async () =>
    rate(
      await timedListing(simulator, truth, `the twilio SDK, pages of ${pageSize}`, (add) =>
        workload.sdkEach(pageSize, (call) => add(call.sid)),
      ),
    );
  try {
    await ours()(); // warm up: connections, JIT
    const result = await sideBySideRuns(runs, {
      ours: ours(),
      ours8: ours(8),
      sdk50: sdk(50),
      sdk1000: sdk(1000),
    });
    config.log(
      `B14 Twilio: ours ${format.spread(result.ours, 'calls')} (c8 ${format.spread(result.ours8, 'calls')}), SDK pages of 50 ${format.spread(result.sdk50, 'calls')}, of 1,000 ${format.spread(result.sdk1000, 'calls')}`,
    );
    const what = `Twilio: list ${calls.toLocaleString('en-US')} calls over 7 days, 50 ms latency`;
    return [
      {
        ...ratioRow({
          id: 'B14',
          what: `${what}: our client's defaults (concurrency 4, pages of 1,000, time slices) against \`twilio\` calls.each at its default page size (50); exact ids`,
          figure: result.ours,
          baseline: result.sdk50,
          unit: 'calls',
          baselineLabel: 'the SDK, pages of 50',
          target: undefined,
        }),
        met: 'n/a',
      },
      ratioRow({
        id: 'B14',
        what: `${what}: our client's defaults against calls.each at its best page size (PageSize 1,000)`,
        figure: result.ours,
        baseline: result.sdk1000,
        unit: 'calls',
        baselineLabel: 'the SDK, pages of 1,000',
        target: 4,
        targetLabel: '>= 4x the SDK at its best page size',
      }),
      ratioRow({
        id: 'B14',
        what: `${what}: our client at concurrency 8 (pages of 1,000) against calls.each, PageSize 1,000`,
        figure: result.ours8,
        baseline: result.sdk1000,
        unit: 'calls',
        baselineLabel: 'the SDK, pages of 1,000',
        target: 4,
        targetLabel: '>= 4x the SDK at its best page size',
      }),
    ];
  } finally {
    await workload.stop();
  }
}

export async function runB14(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const runs = config.quick ? 1 : 3;
  const rows = await twilioRows(config, runs);
  const { plivo, vonage, telnyx } = newerProviderWorkloads(config.quick);
  for (const start of [plivo, vonage, telnyx]) {
    const workload = await start();
    try {
      rows.push(await peerRow(workload, runs, config));
    } finally {
      await workload.stop();
    }
  }
  return rows;
}
