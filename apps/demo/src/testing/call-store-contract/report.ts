// The store contract (see ../call-store-contract.ts): the report's figures and breakdown computed
// by the store.
import { expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import { at, party, type StoreContract } from './contract-helpers.ts';

export function reportContract({ fresh, keep }: StoreContract): void {
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
    keep(s);
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
}
