import { expect, test } from 'vitest';
import { formatSeconds, formatTable } from './table.ts';

test('formatTable aligns numbers right and text left', () => {
  expect(
    formatTable(
      ['name', 'calls', 'rate'],
      [
        ['Meera', 1200, 0.5],
        ['Vikram Rao', 7, 12.345],
      ],
    ),
  ).toBe(
    [
      'name        calls   rate',
      '----------  -----  -----',
      'Meera       1,200   0.50',
      'Vikram Rao      7  12.35',
    ].join('\n'),
  );
});

test('control characters in provider data cannot drive the terminal or break the rows', () => {
  // An agent named with an escape sequence (retitle the window, clear the screen) and a
  // line break: both come from a provider, and the table goes to a terminal.
  const table = formatTable(
    ['agent', 'calls'],
    [
      ['\x1b]0;pwned\x07Meera\x1b[2J', 3],
      ['two\nlines\u009b', 1],
    ],
  );
  expect(table.replaceAll('\n', '')).not.toMatch(/\p{Cc}/u);
  expect(table.split('\n')).toEqual([
    'agent                calls',
    '-------------------  -----',
    '\ufffd]0;pwned\ufffdMeera\ufffd[2J      3',
    'two\ufffdlines\ufffd               1',
  ]);
});

test('formatSeconds', () => {
  expect(formatSeconds(3725)).toBe('1h 02m 05s');
  expect(formatSeconds(65)).toBe('1m 05s');
  expect(formatSeconds(0)).toBe('0m 00s');
  // An average rounds as a whole: never "7m 60s".
  expect(formatSeconds(479.6)).toBe('8m 00s');
  expect(formatSeconds(3599.5)).toBe('1h 00m 00s');
});
