import { expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import { buildReport, formatReport } from './report.ts';
import { makeCall } from './test-support.ts';

const party = (number: string) => ({ kind: 'phone' as const, raw: number, phoneNumber: number });
const at = (time: string) => new Date(`2026-11-20T${time}:00+05:30`);

test('missed calls count as called back only after a later answered call with the same number', () => {
  const store = CallStore.open(':memory:');
  store.upsert([
    // Missed, then called back: not counted.
    makeCall({ id: '1', status: 'missed', to: party('+919800000001'), startedAt: at('09:00') }),
    makeCall({ id: '2', status: 'answered', to: party('+919800000001'), startedAt: at('10:00') }),
    // The customer called back in: also not counted.
    makeCall({ id: '3', status: 'missed', to: party('+919800000002'), startedAt: at('09:00') }),
    makeCall({
      id: '4',
      direction: 'inbound',
      status: 'answered',
      from: party('+919800000002'),
      startedAt: at('11:00'),
    }),
    // Answered before the miss, missed again after: counted.
    makeCall({ id: '5', status: 'answered', to: party('+919800000003'), startedAt: at('08:00') }),
    makeCall({ id: '6', status: 'busy', to: party('+919800000003'), startedAt: at('12:00') }),
    // Tried again and missed again: both counted.
    makeCall({ id: '7', status: 'missed', to: party('+919800000004'), startedAt: at('13:00') }),
    makeCall({ id: '8', status: 'missed', to: party('+919800000004'), startedAt: at('14:00') }),
  ]);
  const report = buildReport(store, { top: 2 });
  expect(report.unreturnedMissed.count).toBe(3);
  expect(report.unreturnedMissed.latest.map((call) => call.id)).toEqual(['8', '7']);
  store.close();
});

test('totals, days in India time and agents', () => {
  const store = CallStore.open(':memory:');
  store.upsert([
    makeCall({
      id: '1',
      startedAt: new Date('2026-11-19T19:00:00Z'),
      agent: { id: 'meera', name: 'Meera' },
      cost: { amount: 1.5, currency: 'INR' },
      durations: { totalSeconds: 70, talkSeconds: 60, billedSeconds: 60 },
    }),
    makeCall({
      id: '2',
      status: 'missed',
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
  ]);
  const report = buildReport(store);
  expect(
    report.providers.map(({ provider, calls, answered, answerRate, cost }) => ({
      provider,
      calls,
      answered,
      answerRate,
      cost,
    })),
  ).toEqual([
    { provider: 'ozonetel', calls: 1, answered: 1, answerRate: 1, cost: 0 },
    { provider: 'telecmi', calls: 2, answered: 1, answerRate: 0.5, cost: 1.5 },
  ]);
  // 19:00 UTC is 00:30 the next day in India.
  expect(
    report.days.filter((row) => row.provider === 'telecmi').map((row) => [row.day, row.calls]),
  ).toEqual([
    ['2026-11-19', 1],
    ['2026-11-20', 1],
  ]);
  expect(report.busiestAgents).toEqual([
    { agent: 'Meera', calls: 2, answered: 1, talkSeconds: 60 },
    { agent: 'vikram', calls: 1, answered: 1, talkSeconds: 30 },
  ]);
  expect(formatReport(report)).toContain('1.50 INR');
  store.close();
});
