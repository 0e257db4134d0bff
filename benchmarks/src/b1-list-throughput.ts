// B1: listing TeleCMI calls, pages of 10, from a simulator that answers after a fixed
// latency, at several concurrencies; against the theoretical limit and a plain fetch loop.
import { createTelecmi } from '@cdr/telecmi';
import { TelecmiSimulator } from '@cdr/telecmi/testing';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  medianOf,
  sideBySide,
  timed,
} from './harness.ts';
import { onlyOutgoingMissed, outgoingMissed } from './telecmi-workload.ts';

export async function runB1(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 300 : 5000;
  const latencyMs = config.quick ? 20 : 50;
  const runs = config.quick ? 1 : 3;
  const concurrencies = config.quick ? [1, 8] : [1, 4, 8, 16];
  const simulator = await TelecmiSimulator.start({ calls: 0, seed: 1, latencyMs });
  const to = simulator.dataSet.now;
  const from = to - 86_400_000;
  for (let index = 0; index < calls; index++) {
    simulator.addCall(outgoingMissed, from + Math.floor(((index + 0.5) * 86_400_000) / calls));
  }
  const { appId, appSecret } = simulator.credentials['piopiy-app'];

  const listWithProvider = async (concurrency: number) => {
    const provider = createTelecmi({
      credentials: simulator.credentials['piopiy-app'],
      endpoints: onlyOutgoingMissed,
      baseUrls: simulator.baseUrls,
      concurrency,
    });
    let count = 0;
    const ms = await timed(async () => {
      for await (const _call of provider.listCalls({ from: new Date(from), to: new Date(to) }))
        count++;
    });
    await provider.close?.();
    check(count === calls, `listed ${count} of ${calls} calls`);
    return (calls / ms) * 1000;
  };

  // The naive way: one fetch after another, parsing each page, no mapping.
  const fetchLoop = async () => {
    let count = 0;
    const ms = await timed(async () => {
      for (let page = 1; ; page++) {
        const response = await fetch(`${simulator.url}/v1/outmissed`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            appid: appId,
            token: appSecret,
            start_date: from,
            end_date: to,
            page,
            limit: 10,
          }),
        });
        const body = (await response.json()) as { cdr: unknown[] };
        if (body.cdr.length === 0) break;
        count += body.cdr.length;
      }
    });
    check(count === calls, `the fetch loop listed ${count} of ${calls} calls`);
    return (calls / ms) * 1000;
  };

  const rows: BenchmarkRow[] = [];
  try {
    const measured = new Map<number, number>();
    let loop = 0;
    for (const concurrency of concurrencies) {
      if (concurrency === 8) {
        const pair = await sideBySide(runs, {
          provider: () => listWithProvider(8),
          loop: fetchLoop,
        });
        measured.set(8, pair.provider);
        loop = pair.loop;
      } else {
        measured.set(concurrency, await medianOf(runs, () => listWithProvider(concurrency)));
      }
      const limit = (concurrency * 10 * 1000) / latencyMs;
      const figure = measured.get(concurrency)!;
      rows.push({
        id: 'B1',
        what: `list ${calls.toLocaleString('en-US')} TeleCMI calls, pages of 10, ${latencyMs} ms latency, concurrency ${concurrency}`,
        figure: format.rate(figure, 'calls'),
        baseline: `${format.rate(limit, 'calls')} (limit)`,
        ratio: format.ratio(figure / limit),
        target: concurrency === 8 ? '>= 0.90 of the limit' : 'n/a',
        met: concurrency === 8 ? figure / limit >= 0.9 : 'n/a',
      });
      config.log(
        `B1 concurrency ${concurrency}: ${format.rate(figure, 'calls')} (limit ${format.rate(limit, 'calls')})`,
      );
    }
    const at8 = measured.get(8)!;
    rows.push({
      id: 'B1',
      what: 'same, concurrency 8, against a sequential fetch loop over the same pages',
      figure: format.rate(at8, 'calls'),
      baseline: `${format.rate(loop, 'calls')} (fetch loop)`,
      ratio: format.ratio(at8 / loop),
      target: '>= 7x the loop',
      met: at8 / loop >= 7,
    });
    return rows;
  } finally {
    await simulator.stop();
  }
}
