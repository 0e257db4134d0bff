import { type Call, parseCall } from '@cdr/core';
import { expect, test } from 'vitest';
import { CallStore } from './call-store.ts';

export function makeCall(overrides: Partial<Call> & Pick<Call, 'id'>): Call {
  return parseCall({
    provider: 'telecmi',
    direction: 'outbound',
    status: 'answered',
    startedAt: new Date('2026-11-20T10:00:00Z'),
    durations: { totalSeconds: 60, billedSeconds: 60 },
    notes: [],
    raw: {},
    ...overrides,
  });
}

test('upsert inserts, leaves unchanged rows alone and updates changed ones', () => {
  const store = CallStore.open(':memory:');
  const a = makeCall({ id: 'a' });
  const b = makeCall({ id: 'b' });
  expect(store.upsert([a, b])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
  const noted = { ...a, notes: [{ text: 'call back after 6 pm' }] };
  expect(store.upsert([noted, b])).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  expect(store.count()).toBe(2);
  expect([...store.iterateCalls()]).toEqual([noted, b]);
  // Same id at another provider is another call.
  expect(store.upsert([{ ...a, provider: 'ozonetel' }]).inserted).toBe(1);
  store.close();
});

test('the cursor moves with its rows or not at all', () => {
  const store = CallStore.open(':memory:');
  const position = new Date('2026-11-20T12:00:00Z');
  store.upsert([makeCall({ id: 'a' })], { account: 'telecmi:user', position });
  expect(store.cursor('telecmi:user')).toEqual(position);
  expect(store.cursor('telecmi:app')).toBeUndefined();

  const broken = { ...makeCall({ id: 'b' }), startedAt: new Date(Number.NaN) };
  expect(() =>
    store.upsert([makeCall({ id: 'c' }), broken], {
      account: 'telecmi:user',
      position: new Date('2026-11-21T00:00:00Z'),
    }),
  ).toThrow();
  expect(store.count()).toBe(1);
  expect(store.cursor('telecmi:user')).toEqual(position);

  // A position behind the stored one (another sync got further) leaves it where it is.
  store.upsert([], { account: 'telecmi:user', position: new Date('2026-11-19T00:00:00Z') });
  expect(store.cursor('telecmi:user')).toEqual(position);
  store.close();
});
