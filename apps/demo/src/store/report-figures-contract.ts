// The per-day figures against the raw ones, for every store: whatever was written, moved,
// re-statused or deleted, a report from the rollups must be the report the calls give.
import type { Call, CallDirection, CallStatus } from '@cdr/core';
import { integer, pick, seededRandom } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import type { CallStore } from './call-store.ts';
import { istDayStart } from './ist-day-range.ts';
import type { ReportQuery } from './report-figures.ts';

/** What a store's test gives the contract beyond the store: a way to delete a call. */
export interface ReportFiguresContractOptions {
  /** Deletes a call behind the store's back, as `DELETE FROM calls` would. */
  deleteCall?: ((store: CallStore, provider: string, id: string) => Promise<void>) | undefined;
}

const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const hourMs = 3_600_000;
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
  return makeCall({
    id,
    provider: pick(random, ['telecmi', 'ozonetel']),
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

  test('a refresh recomputes the days written since the last one, and only those', async () => {
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
