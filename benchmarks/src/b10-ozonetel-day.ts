// B10: Ozonetel's reports API (ca_reports), one IST day per request at 2 requests a minute.
// (a) A 20,000-call day listed in a child process with default V8 flags: the peak RSS
//     growth over a 100-call listing of the same day, the body streamed rather than held.
// (b) A 15-day backfill (15 IST days, 15 requests) at 2 a minute against the simulator,
//     with a compressed minute on both sides: its time against the budget's floor.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RateLimiter } from '@cdr/core';
import { createOzonetel } from '@cdr/ozonetel';
import { ozonetelReportsSafetyMarginMs } from '@cdr/ozonetel/api';
import { OzonetelSimulator } from '@cdr/ozonetel/testing';
import { type BenchmarkConfig, type BenchmarkRow, check, format, medianOf } from './harness.ts';

const child = fileURLToPath(new URL('./b10-child.ts', import.meta.url));
const run = promisify(execFile);
const dayMs = 86_400_000;
const istMidnight = (instant: Date) => {
  const date = new Date(instant.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 10);
  return Date.parse(`${date}T00:00:00+05:30`);
};

async function peakRss(simulator: OzonetelSimulator, from: number, to: number, expected: number) {
  const { stdout } = await run(
    process.execPath,
    [
      child,
      simulator.url,
      simulator.userName,
      simulator.apiKey,
      String(simulator.now().getTime()),
      String(from),
      String(to),
    ],
    { maxBuffer: 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as { count: number; maxRssBytes: number };
  check(result.count === expected, `listed ${result.count} of ${expected} calls`);
  return result.maxRssBytes;
}

async function dayMemory(config: BenchmarkConfig): Promise<BenchmarkRow> {
  const large = config.quick ? 5_000 : 20_000;
  const small = 100;
  const runs = config.quick ? 1 : 3;
  const simulator = await OzonetelSimulator.start({
    calls: 0,
    seed: 10,
    now: Date.parse('2026-11-24T23:30:00+05:30'),
    tokensPerHour: 1_000,
  });
  try {
    // One IST day, the newest calls last: the small run lists the day's last 100 calls.
    const dayStart = istMidnight(simulator.now());
    const spacing = Math.floor((23 * 3_600_000) / large);
    for (let index = 0; index < large; index++)
      simulator.addCall(new Date(dayStart + 60_000 + index * spacing));
    const to = dayStart + 60_000 + (large - 1) * spacing;
    const smallRss = await medianOf(runs, () =>
      peakRss(simulator, to - (small - 1) * spacing, to, small),
    );
    const largeRss = await medianOf(runs, () => peakRss(simulator, dayStart, to, large));
    const growth = largeRss - smallRss;
    config.log(
      `B10 day: ${format.mb(smallRss)} for ${small}, ${format.mb(largeRss)} for ${large} calls`,
    );
    return {
      id: 'B10',
      what: `peak RSS listing a ${large.toLocaleString('en-US')}-call IST day (one streamed body) vs ${small} calls, default V8 flags`,
      figure: format.mb(largeRss),
      baseline: `${format.mb(smallRss)} (${small} calls)`,
      ratio: `+${format.mb(growth)}`,
      target: 'growth < 60 MB',
      met: growth < 60 * 1024 * 1024,
    };
  } finally {
    await simulator.stop();
  }
}

async function backfill(config: BenchmarkConfig): Promise<BenchmarkRow> {
  const days = 15;
  // The documented budget, 2 requests a minute, with the minute compressed on both sides.
  const minuteMs = config.quick ? 400 : 2_000;
  const budget = { limit: 2, intervalMs: minuteMs };
  // The client's margin scaled with the minute: 500 ms on a real minute (0.83%); 10 ms at least.
  const margin = Math.max(10, Math.ceil((minuteMs * ozonetelReportsSafetyMarginMs) / 60_000));
  const limiter = new RateLimiter({ ...budget, safetyMarginMs: margin });
  const simulator = await OzonetelSimulator.start({
    calls: 0,
    seed: 11,
    now: Date.parse('2026-11-24T12:00:00+05:30'),
    reportsRateLimit: budget,
  });
  const ozonetel = createOzonetel({
    userName: simulator.userName,
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
    now: () => simulator.now(),
    reports: { rateLimit: limiter },
  });
  try {
    check(ozonetel.reportsRateLimiter === limiter, 'the reports limiter is in use');
    const from = istMidnight(simulator.now()) - (days - 1) * dayMs;
    for (let index = 0; index < days * 200; index++)
      simulator.addCall(
        new Date(from + (index * ((days - 1) * dayMs + 11 * 3_600_000)) / (days * 200)),
      );
    const expected = simulator.callsBetween(new Date(from), simulator.now()).length;
    const started = performance.now();
    let count = 0;
    for await (const _call of ozonetel.listCalls({ from: new Date(from), to: simulator.now() }))
      count++;
    const elapsed = performance.now() - started;
    check(count === expected, `listed ${count} of ${expected} calls`);
    check(simulator.reportRequests.length === days, `${simulator.reportRequests.length} requests`);
    check(simulator.reportsRateLimitedCount === 0, 'no request refused for the budget');
    // 15 requests, 2 in any minute: the last can go 7 minutes after the first.
    const waits = Math.ceil(days / budget.limit) - 1;
    const floor = waits * minuteMs;
    config.log(
      `B10 backfill: ${format.ms(elapsed)} for ${days} days; budget floor ${format.ms(floor)}`,
    );
    return {
      id: 'B10',
      what: `${days}-day backfill (${days} requests, ${count.toLocaleString('en-US')} calls) at 2 a minute, the minute compressed to ${minuteMs} ms`,
      figure: format.ms(elapsed),
      baseline: `budget floor ${format.ms(floor)} (${waits} minutes of ${minuteMs} ms; client margin ${margin} ms a minute)`,
      ratio: format.ratio(elapsed / floor),
      target: '≤ floor + 5%',
      met: elapsed <= floor * 1.05,
    };
  } finally {
    await ozonetel.close?.();
    await simulator.stop();
  }
}

export async function runB10(config: BenchmarkConfig): Promise<BenchmarkRow[]> {
  return [await dayMemory(config), await backfill(config)];
}
