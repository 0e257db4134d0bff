import { expect, test } from 'vitest';
import { parseHmsDuration } from './duration.js';

test('reads HH:MM:SS durations into seconds', () => {
  expect(parseHmsDuration('00:04:57')).toBe(297);
  expect(parseHmsDuration('00:00:00')).toBe(0);
  expect(parseHmsDuration('26:00:01')).toBe(93601);
});

test.each(['', '4:57', '00:60:00', '00:00:61', 'abc', '-01:00:00'])('rejects %j', (value) => {
  expect(parseHmsDuration(value)).toBeUndefined();
});
