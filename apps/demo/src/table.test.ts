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

test('formatSeconds', () => {
  expect(formatSeconds(3725)).toBe('1h 02m 05s');
  expect(formatSeconds(65)).toBe('1m 05s');
  expect(formatSeconds(0)).toBe('0m 00s');
});
