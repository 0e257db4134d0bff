// The per-quarter figures against the raw ones, for every store: whatever was written, moved,
// re-statused or deleted, a report from the rollups must be the report the calls give.
import {
  type Call,
  type CallDirection,
  type CallStatus,
  formatZonedDate,
  toZonedParts,
} from '@cdr/core';
import { integer, pick, seededRandom } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import type { CallStore } from '../store/call-store.ts';
import type { ReportQuery } from '../store/report-figures.ts';
import { makeCall } from './test-calls.ts';

/** What a store's test gives the contract beyond the store: a way to delete a call. */
export interface ReportFiguresContractOptions {
  /** Deletes a call behind the store's back, as `DELETE FROM calls` would. */
  deleteCall?: ((store: CallStore, provider: string, id: string) => Promise<void>) | undefined;
}

const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const hourMs = 3_600_000;
/** The first millisecond of an IST day. */
const istDayStart = (day: string) => Date.parse(`${day}T00:00:00+05:30`);
const dayMs = 24 * hourMs;
const numbers = ['+919800000001', '+919800000002', '+919800000003', '+919800000004'];
const own = { kind: 'phone' as const, raw: '+918000000000', phoneNumber: '+918000000000' };
const party = (number: string) => ({ kind: 'phone' as const, raw: number, phoneNumber: number });

/** A call with every field the figures read drawn at random, some absent. */
function randomCall(random: () => number, id: string): Call {
  const direction = pick<CallDirection>(random, ['inbound', 'inbound', 'outbound', 'unknown']);
  const status = pick<CallStatus>(random, ['answered', 'answered', 'missed', 'busy', 'failed']);
  const other = party(pick(random, numbers));
  const agent = random() < 0.6 ? pick(random, ['a1', 'a2', 'a3']) : undefined;
  const ring = random() < 0.7 ? integer(random, 0, 30) : undefined;
  const provider = pick(random, ['telecmi', 'ozonetel', 'twilio']);
  // A third of Twilio's calls are <Dial> legs of another call: the figures fold them.
  const leg = provider === 'twilio' && random() < 0.35;
  return makeCall({
    id,
    provider,
    ...(leg ? { providerFields: { parentCallSid: `CA${integer(random, 1, 99)}` } } : {}),
    direction,
    status,
    startedAt: new Date(istDayStart(pick(random, days)) + Math.floor(random() * dayMs)),
    from: direction === 'inbound' ? other : own,
    to: direction === 'inbound' ? own : other,
    ...(agent
      ? { agent: random() < 0.8 ? { id: agent, name: `Agent ${agent}` } : { id: agent } }
      : {}),
    durations: {
      ...(random() < 0.8 ? { totalSeconds: integer(random, 1, 600) } : {}),
      ...(random() < 0.5 ? { talkSeconds: integer(random, 1, 500) } : {}),
      ...(random() < 0.5 ? { billedSeconds: 60 * integer(random, 1, 5) } : {}),
      ...(ring === undefined ? {} : { ringSeconds: ring }),
    },
    ...(random() < 0.5
      ? { cost: { amount: integer(random, 1, 300) / 100, currency: pick(random, ['INR', 'USD']) } }
      : {}),
    ...(random() < 0.3 ? { recording: { url: `https://recordings.example.invalid/${id}` } } : {}),
  });
}

const ist = (text: string) => new Date(`${text}+05:30`);

/** Every kind of range and filter the rollups split differently. */
const queries: ReportQuery[] = [
  {},
  { top: 3, missedPage: 1 },
  { breakdown: { listRows: 20 } },
  { from: ist('2026-11-17T00:00:00.000'), to: ist('2026-11-19T23:59:59.999') },
  {
    from: ist('2026-11-17T09:30:00.000'),
    to: ist('2026-11-19T14:00:00.000'),
    breakdown: { listRows: 5 },
  },
  { from: ist('2026-11-18T10:00:00.000'), to: ist('2026-11-18T16:00:00.000') },
  { from: ist('2026-11-18T10:00:00.000'), to: ist('2026-11-19T16:00:00.000') },
  { from: ist('2026-11-18T10:00:00.000') },
  { to: ist('2026-11-18T10:00:00.000'), breakdown: { listRows: 5 } },
  { providers: ['ozonetel'] },
  { accounts: ['telecmi:rest-user'], breakdown: { listRows: 5 } },
  { sources: ['ozonetel', 'telecmi:rest-app'] },
  { direction: 'inbound', from: ist('2026-11-17T12:00:00.000') },
  { direction: 'outbound', breakdown: { listRows: 5 } },
  // Days and hours in other zones; legs counted as calls.
  { timeZone: 'America/New_York', breakdown: { listRows: 5 } },
  { timeZone: 'Asia/Kathmandu', from: ist('2026-11-17T09:40:00.000'), breakdown: { listRows: 5 } },
  { timeZone: 'UTC', from: ist('2026-11-17T00:00:00.000'), to: ist('2026-11-19T00:00:00.000') },
  { legs: true, breakdown: { listRows: 5 } },
  // Whole UTC days, whole quarters either side of them, minutes at both ends.
  { from: ist('2026-11-16T23:50:00.000'), to: ist('2026-11-20T00:10:00.000'), top: 2 },
  { from: ist('2026-11-17T05:31:00.000'), timeZone: 'Asia/Kathmandu' },
  { legs: true, timeZone: 'America/New_York', providers: ['twilio'] },
];

async function expectFiguresOfCalls(store: CallStore, when: string): Promise<void> {
  for (const query of queries) {
    expect(await store.reportFigures(query), `${when}: ${JSON.stringify(query)}`).toEqual(
      await store.reportFiguresFromCalls(query),
    );
  }
}

export function reportFiguresContract(
  fresh: () => Promise<CallStore>,
  options: ReportFiguresContractOptions,
): void {
  test('the per-day figures equal the figures of the calls through upserts, moves, new statuses and deletes', async () => {
    const s = await fresh();
    const random = seededRandom(17);
    const stored = new Map<string, Call>();
    const accounts = ['telecmi:rest-user', 'telecmi:rest-app', undefined];
    for (let round = 0; round < 4; round++) {
      for (const account of accounts) {
        const calls = Array.from({ length: 25 }, (_, index) =>
          randomCall(random, `r${round}-${account ?? 'none'}-${index}`),
        );
        await s.writeSlice({ account, calls });
        for (const call of calls) stored.set(`${call.provider}:${call.id}`, call);
      }
      // Some calls move to another day (or hour), some change their outcome.
      const changed = [...stored.values()]
        .filter(() => random() < 0.25)
        .map((call) =>
          random() < 0.5
            ? {
                ...call,
                startedAt: new Date(call.startedAt.getTime() + (random() - 0.5) * 3 * dayMs),
              }
            : {
                ...call,
                status: pick<CallStatus>(random, ['answered', 'missed', 'busy', 'failed']),
              },
        );
      await s.writeSlice({ calls: changed });
      for (const call of changed) stored.set(`${call.provider}:${call.id}`, call);
      if (options.deleteCall) {
        for (const [key, call] of [...stored]) {
          if (random() >= 0.1) continue;
          await options.deleteCall(s, call.provider, call.id);
          stored.delete(key);
        }
      }
      await expectFiguresOfCalls(s, `round ${round}`);
    }
    expect(await s.countCalls({})).toBe(stored.size);
  });

  test('a later answered call returns a missed call of an earlier day, in the kept figures too', async () => {
    const s = await fresh();
    const missed = makeCall({
      id: 'missed',
      direction: 'inbound',
      status: 'missed',
      from: party(numbers[0]!),
      to: own,
      startedAt: ist('2026-11-17T10:00:00.000'),
    });
    const answered = makeCall({
      id: 'answered',
      direction: 'outbound',
      status: 'answered',
      from: own,
      to: party(numbers[0]!),
      startedAt: ist('2026-11-19T10:00:00.000'),
    });
    await s.writeSlice({ calls: [missed] });
    const unreturned = async () => {
      const figures = await s.reportFigures({ breakdown: { listRows: 5 } });
      return [
        figures.unreturnedMissed.count,
        figures.breakdown?.groups.find((group) => group.day === '2026-11-17')?.unreturnedMissed,
      ];
    };
    expect(await unreturned()).toEqual([1, 1]);
    // Only 2026-11-19 is written: the trigger on the answered call must mark 2026-11-17.
    await s.writeSlice({ calls: [answered] });
    expect(await unreturned()).toEqual([0, 0]);
    // Moved before the missed call, it no longer returns it.
    await s.writeSlice({
      calls: [{ ...answered, startedAt: ist('2026-11-16T10:00:00.000') }],
    });
    expect(await unreturned()).toEqual([1, 1]);
    await s.writeSlice({ calls: [answered] });
    expect(await unreturned()).toEqual([0, 0]);
    if (options.deleteCall) {
      await options.deleteCall(s, 'telecmi', 'answered');
      expect(await unreturned()).toEqual([1, 1]);
    }
    await expectFiguresOfCalls(s, 'at the end');
  });

  test("a zone's days and hours are the calls' own, across a change of offset, legs folded", async () => {
    const s = await fresh();
    const random = seededRandom(5);
    // New York leaves daylight saving on 2026-11-01 at 06:00 UTC: calls either side of it.
    const around = Date.parse('2026-11-01T06:00:00Z');
    const calls = Array.from({ length: 120 }, (_, index) => ({
      ...randomCall(random, `z${index}`),
      startedAt: new Date(around + Math.floor((random() - 0.5) * 4 * dayMs)),
    }));
    await s.writeSlice({ calls });
    for (const timeZone of ['America/New_York', 'Asia/Kathmandu', 'Asia/Kolkata']) {
      const figures = await s.reportFigures({ timeZone });
      const expected = new Map<string, number>();
      const hours = new Map<string, number>();
      for (const call of calls) {
        if (call.providerFields?.parentCallSid) continue;
        const day = formatZonedDate(call.startedAt, timeZone);
        expected.set(day, (expected.get(day) ?? 0) + 1);
        if (call.direction !== 'inbound') continue;
        const parts = toZonedParts(call.startedAt, timeZone);
        const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
        const cell = `${weekday} ${parts.hour}`;
        hours.set(cell, (hours.get(cell) ?? 0) + 1);
      }
      expect(new Map(figures.trend.map((row) => [row.day, row.calls])), timeZone).toEqual(expected);
      expect(
        new Map(figures.heatmap.map((cell) => [`${cell.weekday} ${cell.hour}`, cell.inbound])),
        timeZone,
      ).toEqual(hours);
      expect(figures, timeZone).toEqual(await s.reportFiguresFromCalls({ timeZone }));
    }
    const legs = calls.filter((call) => call.providerFields?.parentCallSid).length;
    expect(legs).toBeGreaterThan(0);
    const folded = await s.reportFigures({});
    const counted = await s.reportFigures({ legs: true });
    const sum = (figures: typeof folded) =>
      figures.providers.reduce((total, provider) => total + provider.calls, 0);
    expect(sum(folded)).toBe(calls.length - legs);
    expect(sum(counted)).toBe(calls.length);
    // A leg's cost is its call's: the same money either way.
    expect(folded.providers.map((provider) => provider.costs)).toEqual(
      counted.providers.map((provider) => provider.costs),
    );
  });

  test("a change of offset and midnights inside hours (Lord Howe, half an hour): its days are the calls' own", async () => {
    const s = await fresh();
    const random = seededRandom(11);
    // Lord Howe Island goes from +10:30 to +11:00 on 2026-10-04 at 02:00, 15:30 UTC the day
    // before: inside an hour, as its midnights (13:30 UTC, then 13:00) are.
    const around = Date.parse('2026-10-03T15:30:00Z');
    const calls = Array.from({ length: 150 }, (_, index) => ({
      ...randomCall(random, `h${index}`),
      startedAt: new Date(around + Math.floor((random() - 0.5) * 3 * dayMs)),
    }));
    await s.writeSlice({ calls });
    const timeZone = 'Australia/Lord_Howe';
    const expected = new Map<string, number>();
    for (const call of calls) {
      if (call.providerFields?.parentCallSid) continue;
      const day = formatZonedDate(call.startedAt, timeZone);
      expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    for (const query of [
      { timeZone, breakdown: { listRows: 5 } },
      { timeZone, from: new Date(around - 40 * 60_000), to: new Date(around + 50 * 60_000) },
      { timeZone, from: new Date(around - 26 * hourMs + 7 * 60_000), breakdown: { listRows: 5 } },
    ]) {
      expect(await s.reportFigures(query), JSON.stringify(query)).toEqual(
        await s.reportFiguresFromCalls(query),
      );
    }
    const figures = await s.reportFigures({ timeZone });
    expect(new Map(figures.trend.map((row) => [row.day, row.calls]))).toEqual(expected);
    expect(expected.size).toBeGreaterThanOrEqual(3);
  });

  test('the count of every call is exact with quarters due and from the kept days once refreshed', async () => {
    const s = await fresh();
    const random = seededRandom(8);
    const calls = Array.from({ length: 60 }, (_, index) => randomCall(random, `n${index}`));
    await s.writeSlice({ calls });
    expect(await s.countCalls({})).toBe(60);
    await s.refreshFigures();
    // Legs included: the count is of rows, as `calls` lists them.
    expect(await s.countCalls({})).toBe(60);
    if (options.deleteCall) {
      await options.deleteCall(s, calls[0]!.provider, calls[0]!.id);
      expect(await s.countCalls({})).toBe(59);
      await s.refreshFigures();
      expect(await s.countCalls({})).toBe(59);
    }
    await s.writeSlice({ calls: [randomCall(random, 'late')] });
    expect(await s.countCalls({})).toBe(options.deleteCall ? 60 : 61);
  });

  test('a refresh recomputes the quarters written since the last one, and only those', async () => {
    const s = await fresh();
    await s.writeSlice({
      calls: days
        .slice(0, 3)
        .map((day, index) =>
          makeCall({ id: `c${index}`, startedAt: new Date(istDayStart(day) + 10 * hourMs) }),
        ),
    });
    expect(await s.refreshFigures()).toBe(3);
    expect(await s.refreshFigures()).toBe(0);
    // A call moved from one day to another dirties both.
    await s.writeSlice({
      calls: [makeCall({ id: 'c0', startedAt: new Date(istDayStart(days[4]!) + hourMs) })],
    });
    expect(await s.refreshFigures()).toBe(2);
    // An unchanged call writes nothing, so marks nothing.
    await s.writeSlice({
      calls: [makeCall({ id: 'c0', startedAt: new Date(istDayStart(days[4]!) + hourMs) })],
    });
    expect(await s.refreshFigures()).toBe(0);
  });
}
