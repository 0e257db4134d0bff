// B7: listing Twilio calls, a cursor-paged API (`next_page_uri`), pages of 50, from a
// simulator that answers after a fixed latency: the provider's time-sliced listing at
// concurrency 8 against following next_page_uri one page at a time, in the same run,
// both checked to yield exactly the simulator's ids. The simulator runs on a thread of its
// own, as a real API runs elsewhere: on the client's thread its work on every page queued
// behind the client's and held the answers of the other chains back.
import { createTwilio } from '@cdr/twilio';
import {
  type BenchmarkConfig,
  type BenchmarkRow,
  check,
  format,
  sideBySide,
  timed,
} from './harness.ts';
import { startProviderSimulatorThread } from './provider-simulator-thread.ts';

export async function runB7(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  const calls = config.quick ? 2000 : 20_000;
  const pageSize = 50;
  const latencyMs = 50;
  const runs = config.quick ? 1 : 3;
  const concurrency = 8;
  const now = Date.parse('2026-11-24T06:00:00Z');
  const days = 7;
  const simulator = await startProviderSimulatorThread({
    provider: 'twilio',
    options: { calls, days, now, seed: 7, latencyMs },
  });
  const { accountSid, authToken } = simulator.credentials as {
    accountSid: string;
    authToken: string;
  };
  const window = { from: new Date(now - days * 86_400_000), to: new Date(now) };
  const truth = (await simulator.ids(window)).sort();
  check(truth.length === calls, `the simulator holds ${truth.length} of ${calls} calls`);
  const exact = (ids: string[], who: string) => {
    check(ids.length === truth.length, `${who} listed ${ids.length} of ${truth.length} calls`);
    ids.sort();
    check(
      ids.every((id, index) => id === truth[index]),
      `${who} listed other ids than the simulator's`,
    );
  };

  const sliced = async () => {
    const provider = createTwilio({
      accountSid,
      authToken,
      baseUrl: simulator.url,
      pageSize,
      concurrency,
    });
    const ids: string[] = [];
    const ms = await timed(async () => {
      for await (const call of provider.listCalls(window)) ids.push(call.id);
    });
    await provider.close?.();
    exact(ids, 'the time-sliced listing');
    return (calls / ms) * 1000;
  };

  // The naive way: one chain, each page asked once the previous one names it.
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const chain = async () => {
    const ids: string[] = [];
    const query = new URLSearchParams({
      'StartTime>': `${window.from.toISOString().slice(0, 19)}Z`,
      'StartTime<': `${new Date(now + 1000).toISOString().slice(0, 19)}Z`,
      PageSize: String(pageSize),
    });
    let next: string | null = `/2010-04-01/Accounts/${accountSid}/Calls.json?${query}`;
    const ms = await timed(async () => {
      while (next) {
        const response = await fetch(simulator.url + next, { headers: { authorization } });
        const body = (await response.json()) as {
          calls: { sid: string }[];
          next_page_uri: string | null;
        };
        for (const call of body.calls) ids.push(call.sid);
        next = body.next_page_uri;
      }
    });
    exact(ids, 'the next_page_uri chain');
    return (calls / ms) * 1000;
  };

  try {
    const measured = await sideBySide(runs, { sliced, chain });
    const ratio = measured.sliced / measured.chain;
    config.log(
      `B7: ${format.rate(measured.sliced, 'calls')} time-sliced at concurrency ${concurrency}, ${format.rate(measured.chain, 'calls')} one page at a time (${format.ratio(ratio)}x)`,
    );
    return [
      {
        id: 'B7',
        what: `list ${calls.toLocaleString('en-US')} Twilio calls (next_page_uri), pages of ${pageSize}, ${latencyMs} ms latency: time slices at concurrency ${concurrency}, exact ids`,
        figure: format.rate(measured.sliced, 'calls'),
        baseline: `${format.rate(measured.chain, 'calls')} (one page at a time)`,
        ratio: format.ratio(ratio),
        target: '>= 6x one page at a time',
        met: ratio >= 6,
      },
    ];
  } finally {
    await simulator.stop();
  }
}
