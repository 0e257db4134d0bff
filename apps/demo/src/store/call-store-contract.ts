// The store contract's tests, run against every store (SQLite, PostgreSQL) the way the core
// conformance kit runs against every provider: the same behaviour, whatever the database.
import type { Call } from '@cdr/core';
import { afterEach, describe, expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import type { CallStore } from './call-store.ts';
import {
  type ReportFiguresContractOptions,
  reportFiguresContract,
} from './report-figures-contract.ts';

/** Opens a fresh, empty store for one test; the contract closes it. */
export type OpenTestStore = () => Promise<CallStore>;

const party = (number: string) => ({ kind: 'phone' as const, raw: number, phoneNumber: number });
const at = (time: string) => new Date(`2026-11-20T${time}:00+05:30`);
const ids = (calls: readonly Call[]) => calls.map((call) => call.id);

async function collect(calls: AsyncIterable<Call>): Promise<Call[]> {
  const result: Call[] = [];
  for await (const call of calls) result.push(call);
  return result;
}

export function describeCallStore(
  name: string,
  open: OpenTestStore,
  options: ReportFiguresContractOptions = {},
): void {
  describe(`CallStore contract: ${name}`, () => {
    let store: CallStore | undefined;
    const fresh = async () => {
      store = await open();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    test('upserts by (provider, id), saying what it inserted, updated and left unchanged', async () => {
      const s = await fresh();
      const a = makeCall({ id: 'a' });
      const b = makeCall({ id: 'b', startedAt: at('16:00') });
      expect(await s.writeSlice({ calls: [a, b] })).toEqual({
        inserted: 2,
        updated: 0,
        unchanged: 0,
      });
      const noted = { ...a, notes: [{ text: 'call back after 6 pm' }] };
      expect(await s.writeSlice({ calls: [noted, b] })).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 1,
      });
      expect(await s.countCalls({})).toBe(2);
      expect(await collect(s.iterateCalls({}))).toEqual([noted, b]);
      // The same id at another provider is another call.
      expect((await s.writeSlice({ calls: [{ ...a, provider: 'ozonetel' }] })).inserted).toBe(1);
      // A call twice in one slice is one row.
      expect(await s.writeSlice({ calls: [makeCall({ id: 'c' }), makeCall({ id: 'c' })] })).toEqual(
        {
          inserted: 1,
          updated: 0,
          unchanged: 1,
        },
      );
    });

    test('a slice and its cursor land together or not at all, and a cursor never moves back', async () => {
      const s = await fresh();
      const position = new Date('2026-11-20T12:00:00Z');
      await s.writeSlice({
        account: 'telecmi:rest-user',
        calls: [makeCall({ id: 'a' })],
        cursor: { account: 'telecmi:rest-user', position },
      });
      expect(await s.cursor('telecmi:rest-user')).toEqual(position);
      expect(await s.cursor('telecmi:rest-app')).toBeUndefined();

      const broken = { ...makeCall({ id: 'b' }), startedAt: new Date(Number.NaN) };
      await expect(
        s.writeSlice({
          calls: [makeCall({ id: 'c' }), broken],
          cursor: { account: 'telecmi:rest-user', position: new Date('2026-11-21T00:00:00Z') },
        }),
      ).rejects.toThrow();
      expect(await s.countCalls({})).toBe(1);
      expect(await s.cursor('telecmi:rest-user')).toEqual(position);

      // A position behind the stored one (another sync got further) leaves it where it is…
      await s.writeSlice({
        calls: [],
        cursor: { account: 'telecmi:rest-user', position: new Date('2026-11-19T00:00:00Z') },
      });
      expect(await s.cursor('telecmi:rest-user')).toEqual(position);
      // …unless it is moved back on purpose (`state reset`).
      await s.resetCursor('telecmi:rest-user', new Date('2026-11-19T00:00:00Z'));
      expect(await s.cursor('telecmi:rest-user')).toEqual(new Date('2026-11-19T00:00:00Z'));
      await s.resetCursor('telecmi:rest-user', undefined);
      expect(await s.cursor('telecmi:rest-user')).toBeUndefined();
    });

    test('is marked simulated or real by its first writer, and keeps that mark', async () => {
      const s = await fresh();
      expect(await s.claimOrigin('real')).toBe('real');
      expect(await s.claimOrigin('simulated')).toBe('real');
      expect(await s.claimOrigin('real')).toBe('real');
      const other = await open();
      try {
        expect(await other.claimOrigin('simulated')).toBe('simulated');
        expect(await other.claimOrigin('real')).toBe('simulated');
      } finally {
        await other.close();
      }
    });

    test('a database holding calls from before the marks is never marked by a simulated writer', async () => {
      const s = await fresh();
      await s.writeSlice({ calls: [makeCall({ id: 'a' })] });
      expect(await s.claimOrigin('simulated')).toBe('unmarked');
      expect(await s.claimOrigin('simulated')).toBe('unmarked');
      expect(await s.claimOrigin('real')).toBe('real');
      expect(await s.claimOrigin('simulated')).toBe('real');
    });

    test('keeps rejected records aside with the slice, and releases one that later lists as a call', async () => {
      const current = await fresh();
      const window = { from: at('09:00'), to: at('10:00') };
      const rejected = (id: string | undefined, reason: string) => ({
        account: 'acme:main',
        provider: 'telecmi',
        id,
        endpoint: 'GET /calls',
        reason,
        raw: { id, note: 'as sent' },
        window,
      });
      await current.writeSlice({
        account: 'acme:main',
        calls: [makeCall({ id: 'good' })],
        rejected: [
          rejected('bad', 'endedAt: expected an end at or after the start'),
          rejected(undefined, 'no id'),
        ],
        cursor: { account: 'acme:main', position: at('10:00') },
      });
      const kept = await current.quarantined();
      expect(kept.map((record) => [record.account, record.id, record.reason])).toEqual([
        ['acme:main', 'bad', 'endedAt: expected an end at or after the start'],
        ['acme:main', undefined, 'no id'],
      ]);
      expect(kept[0]).toMatchObject({ raw: { id: 'bad', note: 'as sent' }, window });
      expect(await current.quarantined('other:account')).toEqual([]);
      // Seen again, still bad: one row, its reason refreshed.
      await current.writeSlice({
        account: 'acme:main',
        calls: [],
        rejected: [rejected('bad', 'durations.totalSeconds: expected seconds')],
      });
      const again = await current.quarantined('acme:main');
      expect(again).toHaveLength(2);
      expect(again.find((record) => record.id === 'bad')?.reason).toBe(
        'durations.totalSeconds: expected seconds',
      );
      // Sent again readable: stored as a call, and out of the quarantine.
      await current.writeSlice({ account: 'acme:main', calls: [makeCall({ id: 'bad' })] });
      expect((await current.quarantined()).map((record) => record.id)).toEqual([undefined]);
      expect(await current.getCall('telecmi', 'bad')).toBeDefined();
    });

    test('reads one call back by provider and id', async () => {
      const s = await fresh();
      const call = makeCall({ id: 'one', notes: [{ text: 'a note' }] });
      await s.writeSlice({ account: 'telecmi:rest-user', calls: [call] });
      expect(await s.getCall('telecmi', 'one')).toEqual(call);
      expect(await s.getCall('telecmi', 'other')).toBeUndefined();
      expect(await s.getCall('ozonetel', 'one')).toBeUndefined();
    });

    test('keeps each account’s last success and last error', async () => {
      const s = await fresh();
      await s.recordRun('telecmi:rest-user', new Date('2026-11-20T10:00:00Z'), {
        ok: false,
        error: 'authentication: bad token',
      });
      await s.recordRun('ozonetel', new Date('2026-11-20T10:05:00Z'), { ok: true });
      let states = await s.accountStates();
      expect(
        states.map((state) => [state.account, state.lastError, state.lastSuccessAt?.toISOString()]),
      ).toEqual([
        ['ozonetel', undefined, '2026-11-20T10:05:00.000Z'],
        ['telecmi:rest-user', 'authentication: bad token', undefined],
      ]);
      await s.recordRun('telecmi:rest-user', new Date('2026-11-20T11:00:00Z'), { ok: true });
      states = await s.accountStates();
      expect(states.find((state) => state.account === 'telecmi:rest-user')).toMatchObject({
        lastError: undefined,
        lastSuccessAt: new Date('2026-11-20T11:00:00Z'),
        lastAttemptAt: new Date('2026-11-20T11:00:00Z'),
      });
    });

    test('an account whose credentials were refused stays parked through later failures, until unparked', async () => {
      const s = await fresh();
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));
      await s.recordRun('twilio:main', at(0), {
        ok: false,
        error: 'authentication: refused',
        park: true,
      });
      await s.recordRun('twilio:main', at(1), { ok: false, error: 'network: reset' });
      let [state] = await s.accountStates();
      expect(state).toMatchObject({
        parkedAt: at(0),
        lastError: 'network: reset',
        lastErrorAt: at(1),
      });
      await s.unpark('twilio:main');
      [state] = await s.accountStates();
      expect(state!.parkedAt).toBeUndefined();
      await s.recordRun('twilio:main', at(2), {
        ok: false,
        error: 'authentication: refused',
        park: true,
      });
      await s.recordRun('twilio:main', at(3), { ok: true });
      [state] = await s.accountStates();
      expect([state!.parkedAt, state!.lastError, state!.lastSuccessAt]).toEqual([
        undefined,
        undefined,
        at(3),
      ]);
    });

    test('counts, lists and streams by a typed filter', async () => {
      const s = await fresh();
      await s.writeSlice({
        account: 'telecmi:rest-user',
        calls: [
          makeCall({
            id: '1',
            to: party('+919876543210'),
            startedAt: at('09:00'),
            agent: { id: '101_1', name: 'Meera' },
          }),
          makeCall({
            id: '2',
            status: 'missed',
            direction: 'inbound',
            from: party('+919800000002'),
            startedAt: at('10:00'),
          }),
          makeCall({
            id: '3',
            provider: 'ozonetel',
            to: party('+919876543210'),
            startedAt: at('11:00'),
          }),
        ],
      });
      await s.writeSlice({
        account: 'telecmi:rest-app',
        calls: [makeCall({ id: '4', startedAt: at('12:00') })],
      });
      // A call stored again by another account keeps the account that stored it first.
      await s.writeSlice({
        account: 'telecmi:rest-app',
        calls: [
          makeCall({
            id: '1',
            to: party('+919876543210'),
            startedAt: at('09:00'),
            agent: { id: '101_1', name: 'Meera' },
          }),
        ],
      });
      for (const number of ['+919876543210', '09876543210', '9876543210', '43210']) {
        expect(await s.countCalls({ number }), number).toBe(2);
      }
      expect(await s.countCalls({ providers: ['telecmi'] })).toBe(3);
      expect(await s.countCalls({ accounts: ['telecmi:rest-user'] })).toBe(3);
      expect(await s.countCalls({ direction: 'inbound', status: 'missed' })).toBe(1);
      expect(await s.countCalls({ agent: 'meera' })).toBe(1);
      expect(await s.countCalls({ agent: '101_1' })).toBe(1);
      expect(await s.countCalls({ from: at('10:00'), to: at('11:00') })).toBe(2);
      expect(ids(await s.listCalls({}, { limit: 2 }))).toEqual(['4', '3']);
      expect(ids(await s.listCalls({}, { limit: 2, offset: 2 }))).toEqual(['2', '1']);
      expect(ids(await s.listCalls({}, { limit: 10, order: 'oldest' }))).toEqual([
        '1',
        '2',
        '3',
        '4',
      ]);
    });

    test('streams thousands of calls in order, whole', async () => {
      const s = await fresh();
      const calls = Array.from({ length: 2500 }, (_, index) =>
        makeCall({
          id: `c${String(index).padStart(5, '0')}`,
          startedAt: new Date(Date.UTC(2026, 10, 20) + Math.floor(index / 3) * 1000),
        }),
      );
      await s.writeSlice({ calls });
      const streamed = await collect(s.iterateCalls({}));
      expect(ids(streamed)).toEqual(ids(calls));
      expect(streamed[1234]).toEqual(calls[1234]);
    });

    test('report figures: totals with unknowns as null, days and hours in India, agents, costs by currency', async () => {
      const s = await fresh();
      await s.writeSlice({
        calls: [
          makeCall({
            id: '1',
            startedAt: new Date('2026-11-19T19:00:00Z'),
            agent: { id: 'meera', name: 'Meera' },
            cost: { amount: 1.5, currency: 'INR' },
            durations: { totalSeconds: 70, talkSeconds: 60, billedSeconds: 60, ringSeconds: 10 },
          }),
          makeCall({
            id: '2',
            status: 'missed',
            direction: 'inbound',
            startedAt: new Date('2026-11-19T18:00:00Z'),
            agent: { id: 'meera', name: 'Meera' },
            durations: {},
          }),
          makeCall({
            id: '3',
            provider: 'ozonetel',
            direction: 'inbound',
            agent: { id: 'vikram' },
            durations: { talkSeconds: 30 },
          }),
          makeCall({
            id: '4',
            provider: 'ozonetel',
            cost: { amount: 0.25 },
            durations: { talkSeconds: 5 },
          }),
        ],
      });
      const figures = await s.reportFigures({});
      expect(figures.providers).toEqual([
        {
          provider: 'ozonetel',
          calls: 2,
          answered: 2,
          missed: 0,
          totalSeconds: null,
          talkSeconds: 35,
          billedSeconds: null,
          costs: [{ currency: null, amount: 0.25 }],
        },
        {
          provider: 'telecmi',
          calls: 2,
          answered: 1,
          missed: 1,
          totalSeconds: 70,
          talkSeconds: 60,
          billedSeconds: 60,
          costs: [{ currency: 'INR', amount: 1.5 }],
        },
      ]);
      const noTalk = await fresh();
      await noTalk.writeSlice({ calls: [makeCall({ id: 'x', durations: { totalSeconds: 5 } })] });
      // Nothing says: unknown, not zero.
      expect((await noTalk.reportFigures({})).providers[0]).toMatchObject({
        talkSeconds: null,
        costs: [],
      });
      await noTalk.close();
      store = s;
      // 19:00 UTC is 00:30 the next day in India; 18:00 UTC is 23:30 (a Thursday).
      expect(figures.days.filter((row) => row.provider === 'telecmi')).toEqual([
        {
          day: '2026-11-19',
          provider: 'telecmi',
          direction: 'inbound',
          answered: 0,
          missed: 1,
          other: 0,
        },
        {
          day: '2026-11-20',
          provider: 'telecmi',
          direction: 'outbound',
          answered: 1,
          missed: 0,
          other: 0,
        },
      ]);
      expect(figures.heatmap).toEqual([
        { weekday: 4, hour: 23, inbound: 1, missedInbound: 1 },
        { weekday: 5, hour: 15, inbound: 1, missedInbound: 0 },
      ]);
      expect(figures.trend.find((row) => row.day === '2026-11-20')).toMatchObject({
        calls: 3,
        answered: 3,
        averageRingSeconds: 10,
      });
      expect(figures.agents).toEqual([
        { agent: 'Meera', calls: 2, answered: 1, talkSeconds: 60, averageHandleSeconds: 70 },
        { agent: 'vikram', calls: 1, answered: 1, talkSeconds: 30, averageHandleSeconds: 30 },
      ]);
      const inbound = await s.reportFigures({ direction: 'inbound', providers: ['telecmi'] });
      expect(inbound.providers.map((row) => [row.provider, row.calls])).toEqual([['telecmi', 1]]);
    });

    test('the report breakdown, when asked: groups that add up to the figures, lists newest first', async () => {
      const s = await fresh();
      await s.writeSlice({
        account: 'telecmi:rest-user',
        calls: [
          makeCall({
            id: '1',
            startedAt: at('09:00'),
            agent: { id: 'meera', name: 'Meera' },
            cost: { amount: 1.5, currency: 'INR' },
            durations: { totalSeconds: 70, talkSeconds: 60, ringSeconds: 10 },
            recording: { url: 'https://r.invalid/1.mp3' },
          }),
          makeCall({
            id: '2',
            status: 'missed',
            direction: 'inbound',
            from: party('+919800000002'),
            startedAt: at('10:00'),
            durations: {},
          }),
        ],
      });
      await s.writeSlice({
        calls: [
          makeCall({
            id: '3',
            provider: 'ozonetel',
            durations: { talkSeconds: 30 },
            startedAt: at('11:00'),
          }),
        ],
      });
      expect((await s.reportFigures({})).breakdown).toBeUndefined();
      const figures = await s.reportFigures({ breakdown: { listRows: 2 } });
      const breakdown = figures.breakdown!;
      expect(breakdown.groups).toEqual([
        {
          day: '2026-11-20',
          provider: 'ozonetel',
          account: null,
          direction: 'outbound',
          calls: 1,
          answered: 1,
          missed: 0,
          other: 0,
          totalSeconds: null,
          talkSeconds: 30,
          billedSeconds: null,
          ringSeconds: 0,
          ringCalls: 0,
          unreturnedMissed: 0,
        },
        {
          day: '2026-11-20',
          provider: 'telecmi',
          account: 'telecmi:rest-user',
          direction: 'inbound',
          calls: 1,
          answered: 0,
          missed: 1,
          other: 0,
          totalSeconds: null,
          talkSeconds: null,
          billedSeconds: null,
          ringSeconds: 0,
          ringCalls: 0,
          unreturnedMissed: 1,
        },
        {
          day: '2026-11-20',
          provider: 'telecmi',
          account: 'telecmi:rest-user',
          direction: 'outbound',
          calls: 1,
          answered: 1,
          missed: 0,
          other: 0,
          totalSeconds: 70,
          talkSeconds: 60,
          billedSeconds: null,
          ringSeconds: 10,
          ringCalls: 1,
          unreturnedMissed: 0,
        },
      ]);
      expect(breakdown.hours).toEqual([
        {
          day: '2026-11-20',
          hour: 10,
          provider: 'telecmi',
          account: 'telecmi:rest-user',
          inbound: 1,
          missedInbound: 1,
        },
      ]);
      expect(breakdown.costs).toEqual([
        {
          day: '2026-11-20',
          provider: 'telecmi',
          account: 'telecmi:rest-user',
          direction: 'outbound',
          currency: 'INR',
          amount: 1.5,
        },
      ]);
      expect(breakdown.agents).toEqual([
        {
          day: '2026-11-20',
          provider: 'telecmi',
          account: 'telecmi:rest-user',
          direction: 'outbound',
          agentId: 'meera',
          agentName: 'Meera',
          calls: 1,
          answered: 1,
          talkSeconds: 60,
          handleSeconds: 70,
          handledCalls: 1,
        },
      ]);
      expect(breakdown.missedCalls).toEqual([
        {
          provider: 'telecmi',
          account: 'telecmi:rest-user',
          id: '2',
          startedAt: at('10:00'),
          number: '+919800000002',
          direction: 'inbound',
          recordingUrl: null,
        },
      ]);
      expect(breakdown.calls.map((call) => [call.id, call.seconds, call.recordingUrl])).toEqual([
        ['3', 30, null],
        ['2', null, null],
      ]);
      expect(breakdown.calls[1]).toMatchObject({
        account: 'telecmi:rest-user',
        number: '+919800000002',
        status: 'missed',
      });
    });

    test('missed calls count as called back only after a later answered call with the same number', async () => {
      const s = await fresh();
      await s.writeSlice({
        calls: [
          // Missed, then called back: not counted.
          makeCall({
            id: '1',
            status: 'missed',
            to: party('+919800000001'),
            startedAt: at('09:00'),
          }),
          makeCall({
            id: '2',
            status: 'answered',
            to: party('+919800000001'),
            startedAt: at('10:00'),
          }),
          // The customer called back in: also not counted.
          makeCall({
            id: '3',
            status: 'missed',
            to: party('+919800000002'),
            startedAt: at('09:00'),
          }),
          makeCall({
            id: '4',
            direction: 'inbound',
            status: 'answered',
            from: party('+919800000002'),
            startedAt: at('11:00'),
          }),
          // Answered before the miss, missed again after: counted.
          makeCall({
            id: '5',
            status: 'answered',
            to: party('+919800000003'),
            startedAt: at('08:00'),
          }),
          makeCall({
            id: '6',
            status: 'busy',
            to: party('+919800000003'),
            startedAt: at('12:00'),
            recording: { url: 'https://r.invalid/6.mp3' },
          }),
          // Tried again and missed again: both counted.
          makeCall({
            id: '7',
            status: 'missed',
            to: party('+919800000004'),
            startedAt: at('13:00'),
          }),
          makeCall({
            id: '8',
            status: 'missed',
            to: party('+919800000004'),
            startedAt: at('14:00'),
          }),
        ],
      });
      const first = await s.reportFigures({ top: 2 });
      expect(first.unreturnedMissed.count).toBe(3);
      expect(first.unreturnedMissed.latest.map((call) => call.id)).toEqual(['8', '7']);
      const second = await s.reportFigures({ top: 2, missedPage: 1 });
      expect(second.unreturnedMissed.latest).toEqual([
        {
          provider: 'telecmi',
          id: '6',
          startedAt: at('12:00'),
          number: '+919800000003',
          direction: 'outbound',
          recordingUrl: 'https://r.invalid/6.mp3',
        },
      ]);
    });

    reportFiguresContract(fresh, options);
  });
}
