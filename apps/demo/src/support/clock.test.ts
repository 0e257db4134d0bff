import { expect, test } from 'vitest';
import { ClockSettingError, clockOf } from './clock.ts';

test('without CDR_NOW the tool runs on the machine clock it is given', () => {
  let machine = Date.parse('2031-05-01T00:00:00Z');
  const now = clockOf({}, () => machine);
  expect(now().toISOString()).toBe('2031-05-01T00:00:00.000Z');
  machine += 1_500;
  expect(now().toISOString()).toBe('2031-05-01T00:00:01.500Z');
});

test('CDR_NOW starts the clock at its instant, and it advances as real time does', () => {
  let machine = Date.parse('2031-05-01T00:00:00Z');
  const now = clockOf({ CDR_NOW: '2026-11-24T12:00:00+05:30' }, () => machine);
  expect(now().toISOString()).toBe('2026-11-24T06:30:00.000Z');
  machine += 61_000;
  expect(now().toISOString()).toBe('2026-11-24T06:31:01.000Z');
});

test.each(['yesterday', '2026-11-24', '2026-11-24T12:00:00', '2026-02-31T12:00:00Z', '1732430000'])(
  'CDR_NOW=%s is refused with one line naming the variable',
  (value) => {
    expect(() => clockOf({ CDR_NOW: value })).toThrow(ClockSettingError);
    expect(() => clockOf({ CDR_NOW: value })).toThrow(/^CDR_NOW must be an instant with its zone/);
  },
);
