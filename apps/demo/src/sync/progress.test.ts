import { expect, test } from 'vitest';
import { createProgressDisplay } from './progress.ts';

const progress = {
  account: 'telecmi:user',
  window: { from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') },
  reached: new Date('2026-11-20T06:00:00Z'),
  listed: 1234,
};

test('redraws one line on a terminal and clears it', () => {
  const written: string[] = [];
  const display = createProgressDisplay(
    {
      isTTY: true,
      write: (text: string) => written.push(text),
    },
    'Asia/Kolkata',
  );
  display.update(progress);
  display.clear();
  expect(written).toEqual([
    '\r\x1b[2Ktelecmi:user   25%  up to 2026-11-20 11:30:00 IST  1,234 calls',
    '\r\x1b[2K',
  ]);
});

test('stays silent when the output is not a terminal', () => {
  const written: string[] = [];
  const display = createProgressDisplay(
    {
      isTTY: false,
      write: (text: string) => written.push(text),
    },
    'Asia/Kolkata',
  );
  display.update(progress);
  display.clear();
  expect(written).toEqual([]);
});
