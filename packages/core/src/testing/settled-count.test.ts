import { expect, test } from 'vitest';
import { settledCount } from './settled-count.js';

test('waits for a count that is still growing, then answers its final value', async () => {
  let count = 0;
  const timers = [1, 2, 3, 4, 5].map((step) => setTimeout(() => count++, step * 20));
  expect(await settledCount(() => count, { stepMs: 10, quietSteps: 5 })).toBe(5);
  for (const timer of timers) clearTimeout(timer);
});

test('gives up after maxSteps on a count that never stands still', async () => {
  let count = 0;
  const timer = setInterval(() => count++, 1);
  const settled = await settledCount(() => count, { stepMs: 5, quietSteps: 3, maxSteps: 4 });
  clearInterval(timer);
  expect(settled).toBeGreaterThan(0);
});
