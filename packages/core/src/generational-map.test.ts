import { describe, expect, it } from 'vitest';
import { GenerationalMap } from './generational-map.js';

describe('GenerationalMap', () => {
  it('keeps at least the most recent `capacity` entries', () => {
    const map = new GenerationalMap<number, string>(100);
    for (let key = 0; key < 1000; key++) map.set(key, `v${key}`);
    for (let key = 900; key < 1000; key++) expect(map.get(key)).toBe(`v${key}`);
    expect(map.size).toBeGreaterThanOrEqual(100);
    expect(map.size).toBeLessThanOrEqual(200);
  });

  it('forgets entries two generations old', () => {
    const map = new GenerationalMap<number, number>(10);
    for (let key = 0; key < 30; key++) map.set(key, key);
    expect(map.has(0)).toBe(false);
    expect(map.get(5)).toBeUndefined();
    expect(map.size).toBeLessThanOrEqual(20);
  });

  it('keeps an entry that is read while it is in the previous generation', () => {
    const map = new GenerationalMap<string, number>(3);
    map.set('kept', 1);
    map.set('a', 2).set('b', 3);
    map.set('c', 4); // 'kept', 'a', 'b' are now the previous generation
    expect(map.get('kept')).toBe(1); // read: moves to the current generation
    map.set('d', 5).set('e', 6); // the previous generation ('a', 'b') is dropped
    expect(map.get('kept')).toBe(1);
    expect(map.has('a')).toBe(false);
  });

  it('stores null as a value, not as absence', () => {
    const map = new GenerationalMap<string, null>(2);
    map.set('x', null).set('y', null).set('z', null); // 'x' is in the previous generation
    expect(map.get('x')).toBeNull();
    expect(map.has('x')).toBe(true);
  });

  it('counts a key held by both generations once', () => {
    const map = new GenerationalMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('c', 3); // previous {a, b}, current {c}
    expect(map.get('a')).toBe(1); // now in both
    expect(map.size).toBe(3);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new GenerationalMap(0)).toThrow(RangeError);
    expect(() => new GenerationalMap(Number.NaN)).toThrow(RangeError);
  });
});
