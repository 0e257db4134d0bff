// B1: listing TeleCMI calls, pages of 10, from a simulator that answers after a fixed
// latency. The client against what the same requests reach without it: a naive pool of
// `fetch` calls at the same concurrency over page numbers known in advance (the honest
// baseline), the c × page / RTT limit, and a sequential fetch loop. First through one
// endpoint (a PIOPIY app's outgoing missed calls), then with a user token, whose listing
// spans four endpoints.
import { createTelecmi } from '@cdr/telecmi';
import { TelecmiSimulator } from '@cdr/telecmi/testing';
import { fetchPool, type PageRequest } from './fetch-pool.ts';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  ratioRow,
  sideBySideRuns,
  timed,
} from './harness.ts';
import { listAll, startUserWorkload } from './telecmi-user-workload.ts';
import { onlyOutgoingMissed, outgoingMissed } from './telecmi-workload.ts';

const pageSize = 10;

/** Runs `work` and gives calls per second, after checking it saw every call. */
async function rate(calls: number, what: string, work: () => Promise<number>): Promise<number> {
  let seen = 0;
  const ms = await timed(async () => {
    seen = await work();
  });
  check(seen === calls, `${what} saw ${seen} of ${calls} calls`);
  return (calls / ms) * 1000;
}

export async function runB1(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 400 : 5000;
  const latencyMs = config.quick ? 20 : 50;
  const runs = config.quick ? 1 : 5;
  const concurrencies = config.quick ? [1, 8] : [1, 4, 8, 16];
  const limit = (concurrency: number) => (concurrency * pageSize * 1000) / latencyMs;
  const label = calls.toLocaleString('en-US');
  const rows: BenchmarkRow[] = [];

  // One endpoint: every page full but the last, every request carries calls.
  const simulator = await TelecmiSimulator.start({ calls: 0, seed: 1, latencyMs });
  const to = simulator.dataSet.now;
  const from = to - 86_400_000;
  for (let index = 0; index < calls; index++) {
    simulator.addCall(outgoingMissed, from + Math.floor(((index + 0.5) * 86_400_000) / calls));
  }
  const { appId, appSecret } = simulator.credentials['piopiy-app'];
  const pageRequest = (page: number): PageRequest => ({
    url: `${simulator.url}/v1/outmissed`,
    body: { appid: appId, token: appSecret, start_date: from, end_date: to, page, limit: pageSize },
  });
  const pages = Array.from({ length: Math.ceil(calls / pageSize) }, (_, index) =>
    pageRequest(index + 1),
  );
  const client = (concurrency: number) =>
    rate(calls, 'the client', async () => {
      const provider = createTelecmi({
        credentials: simulator.credentials['piopiy-app'],
        endpoints: onlyOutgoingMissed,
        baseUrls: simulator.baseUrls,
        concurrency,
      });
      try {
        return (await listAll(provider, from, to)).length;
      } finally {
        await provider.close?.();
      }
    });
  // The naive way: one fetch after another, until a page comes back short.
  const fetchLoop = () =>
    rate(calls, 'the fetch loop', async () => {
      let count = 0;
      for (let page = 1; ; page++) {
        const received = await fetchPool([pageRequest(page)], 1);
        count += received;
        if (received < pageSize) return count;
      }
    });

  try {
    await client(8); // warm up: connections, JIT
    for (const concurrency of concurrencies) {
      // Concurrency 1 takes a page's latency per page, and has no target: three runs.
      const result = await sideBySideRuns(concurrency === 1 ? Math.min(runs, 3) : runs, {
        client: () => client(concurrency),
        pool: () => rate(calls, 'the fetch pool', () => fetchPool(pages, concurrency)),
      });
      config.log(
        `B1 concurrency ${concurrency}: client ${format.spread(result.client, 'calls')}, fetch pool ${format.spread(result.pool, 'calls')} (limit ${format.rate(limit(concurrency), 'calls')})`,
      );
      const target = concurrency === 1 ? undefined : 0.95;
      rows.push(
        ratioRow({
          id: 'B1',
          what: `list ${label} TeleCMI calls, one endpoint, pages of 10, ${latencyMs} ms latency, concurrency ${concurrency}`,
          figure: result.client,
          baseline: result.pool,
          unit: 'calls',
          baselineLabel: `fetch pool, concurrency ${concurrency}`,
          target,
        }),
      );
      if (concurrency === 8) {
        // The loop, too, takes a page's latency per page: paired with the client in three runs.
        const looped = await sideBySideRuns(Math.min(runs, 3), {
          client: () => client(8),
          loop: fetchLoop,
        });
        rows.push(
          ratioRow({
            id: 'B1',
            what: 'same, concurrency 8, against the c × page / RTT limit',
            figure: result.client,
            baseline: result.client.map(() => limit(8)),
            unit: 'calls',
            baselineLabel: 'limit',
            target: 0.9,
            targetLabel: '>= 0.90 of the limit',
          }),
          ratioRow({
            id: 'B1',
            what: 'same, concurrency 8, against a sequential fetch loop over the same pages',
            figure: looped.client,
            baseline: looped.loop,
            unit: 'calls',
            baselineLabel: 'fetch loop',
            target: 7,
            targetLabel: '>= 7x the loop',
          }),
        );
      }
    }
  } finally {
    await simulator.stop();
  }

  // A user token: four endpoints, each listed in full pages of 10.
  const concurrency = 16;
  const workload = await startUserWorkload({ calls, days: 1, latencyMs, seed: 11 });
  const token = workload.simulator.credentials['rest-user'].token;
  const perEndpoint = calls / workload.endpoints.length;
  const userPages = workload.endpoints.flatMap((endpoint) =>
    Array.from(
      { length: Math.ceil(perEndpoint / pageSize) },
      (_, index): PageRequest => ({
        url: `${workload.simulator.url}${endpoint.path}`,
        body: {
          ...endpoint.fixedParameters,
          token,
          from: workload.from,
          to: workload.to,
          page: index + 1,
          limit: pageSize,
        },
      }),
    ),
  );
  const userClient = () =>
    rate(calls, 'the client', async () => {
      const provider = workload.provider({ concurrency });
      try {
        return (await listAll(provider, workload.from, workload.to)).length;
      } finally {
        await provider.close?.();
      }
    });
  try {
    await userClient(); // warm up
    const result = await sideBySideRuns(runs, {
      client: userClient,
      pool: () => rate(calls, 'the fetch pool', () => fetchPool(userPages, concurrency)),
    });
    config.log(
      `B1 user token, concurrency ${concurrency}: client ${format.spread(result.client, 'calls')}, fetch pool ${format.spread(result.pool, 'calls')}`,
    );
    const what = `list ${label} TeleCMI calls with a user token (4 endpoints), pages of 10, ${latencyMs} ms latency, concurrency ${concurrency}`;
    rows.push(
      ratioRow({
        id: 'B1',
        what,
        figure: result.client,
        baseline: result.pool,
        unit: 'calls',
        baselineLabel: `fetch pool, concurrency ${concurrency}`,
        target: 0.95,
      }),
      ratioRow({
        id: 'B1',
        what: `same, user token, concurrency ${concurrency}, against the c × page / RTT limit`,
        figure: result.client,
        baseline: result.client.map(() => limit(concurrency)),
        unit: 'calls',
        baselineLabel: 'limit',
        target: 0.9,
        targetLabel: '>= 0.90 of the limit',
      }),
    );
  } finally {
    await workload.stop();
  }
  return rows;
}
