import { describe, expect, test } from 'vitest';
import { parseHmsDuration, parseWholeSeconds } from './duration.js';

test('reads HH:MM:SS durations into seconds', () => {
  expect(parseHmsDuration('00:04:57')).toBe(297);
  expect(parseHmsDuration('00:00:00')).toBe(0);
  expect(parseHmsDuration('26:00:01')).toBe(93601);
});

test.each(['', '4:57', '00:60:00', '00:00:61', 'abc', '-01:00:00'])('rejects %j', (value) => {
  expect(parseHmsDuration(value)).toBeUndefined();
});

describe('parseWholeSeconds', () => {
  test('digits and whole numbers', () => {
    expect(parseWholeSeconds('42')).toBe(42);
    expect(parseWholeSeconds(' 0 ')).toBe(0);
    expect(parseWholeSeconds(61)).toBe(61);
  });

  test.each(['0x10', '1e1', '-5', ' ', '', '4.5', '+3', 'Infinity', '9'.repeat(20)])(
    'refuses %j (Number() reads most of these)',
    (value) => {
      expect(parseWholeSeconds(value)).toBeUndefined();
    },
  );

  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the number %d', (value) => {
    expect(parseWholeSeconds(value)).toBeUndefined();
  });
});
