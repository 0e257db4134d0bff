import { expect, test } from 'vitest';
import { SimulatedCallStore } from './simulated-call-store.js';

const call = (id: string, time: number, direction = 'inbound', status = 'answered') => ({
  id,
  time,
  direction,
  status,
});

test('keeps calls by start then id, whatever order they were added in', () => {
  const store = new SimulatedCallStore<ReturnType<typeof call>>();
  store.add(call('c', 3000), call('b', 1000), call('a', 1000));
  store.add(call('d', 2000));
  expect(store.all().map((each) => each.id)).toEqual(['a', 'b', 'd', 'c']);
  expect(store.indexOf('d')).toBe(2);
  expect(store.at(3)?.id).toBe('c');
  expect(store.get('b')?.time).toBe(1000);
  expect(store.indexOf('missing')).toBe(-1);
});

test('cuts windows by binary search: half-open bounds, and inclusive windows with filters', () => {
  const store = new SimulatedCallStore<ReturnType<typeof call>>();
  for (let index = 0; index < 10; index++)
    store.add(call(`call-${index}`, index * 1000, index % 2 ? 'outbound' : 'inbound'));
  expect(store.lowerBound(2500)).toBe(3);
  expect(store.lowerBound(-1)).toBe(0);
  expect(store.lowerBound(99_000)).toBe(10);
  expect(store.startingBetween(2000, 4000).map((each) => each.id)).toEqual(['call-2', 'call-3']);
  expect(store.startingBetween(undefined, 1000).map((each) => each.id)).toEqual(['call-0']);
  expect(store.startingBetween(9000, undefined).map((each) => each.id)).toEqual(['call-9']);
  const window = { from: new Date(2000), to: new Date(4000) };
  expect(store.matching(window).map((each) => each.id)).toEqual(['call-2', 'call-3', 'call-4']);
  expect(store.matching(window, { direction: 'outbound' }).map((each) => each.id)).toEqual([
    'call-3',
  ]);
  expect(store.matching(undefined, { status: 'missed' })).toEqual([]);
  expect(store.matching()).toHaveLength(10);
});

test('removes a call, and finds the others after it', () => {
  const store = new SimulatedCallStore<ReturnType<typeof call>>();
  store.add(call('a', 1000), call('b', 1000), call('c', 2000));
  expect(store.remove('b')).toBe(true);
  expect(store.remove('b')).toBe(false);
  expect(store.size).toBe(2);
  expect(store.get('b')).toBeUndefined();
  expect(store.indexOf('c')).toBe(1);
});
