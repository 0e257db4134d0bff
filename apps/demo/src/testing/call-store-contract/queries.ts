// The store contract (see ../call-store-contract.ts): counting, listing and streaming calls by a
// typed filter.
import { expect, test } from 'vitest';
import { makeCall } from '../test-calls.ts';
import { at, collect, ids, party, type StoreContract } from './contract-helpers.ts';

export function queriesContract({ fresh }: StoreContract): void {
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
}
