import { expect, test } from 'vitest';
import { ManualClock } from './manual-clock.js';

test('stands still until set or advanced', () => {
  const clock = new ManualClock(new Date('2026-11-24T08:30:00Z'));
  const { now } = clock;
  expect(now().toISOString()).toBe('2026-11-24T08:30:00.000Z');
  clock.advance(90_000);
  expect(now().toISOString()).toBe('2026-11-24T08:31:30.000Z');
  clock.set(Date.UTC(2026, 10, 25, 19, 0));
  expect(clock.epochMs()).toBe(Date.UTC(2026, 10, 25, 19, 0));
  // Each reading is a fresh Date: a caller mutating it cannot move the clock.
  now().setTime(0);
  expect(clock.epochMs()).toBe(Date.UTC(2026, 10, 25, 19, 0));
});

test('refuses instants and steps that are not numbers of milliseconds', () => {
  expect(() => new ManualClock(new Date('garbage'))).toThrow(RangeError);
  const clock = new ManualClock(0);
  expect(() => clock.advance(-1)).toThrow(RangeError);
  expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
});
