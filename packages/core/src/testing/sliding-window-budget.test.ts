import { expect, test } from 'vitest';
import { SlidingWindowBudget } from './sliding-window-budget.js';

test('grants `limit` requests in any interval, counts refusals, and says when room comes back', () => {
  let now = 10_000;
  const budget = new SlidingWindowBudget({ limit: 2, intervalMs: 1000 }, () => now);
  expect(budget.remaining()).toBe(2);
  expect(budget.resetsAt()).toBe(10_000);
  expect(budget.take()).toBe(true);
  now = 10_400;
  expect(budget.take()).toBe(true);
  expect(budget.take()).toBe(false);
  expect(budget.refused).toBe(1);
  expect(budget.remaining()).toBe(0);
  expect(budget.resetsAt()).toBe(11_000);
  // A sliding window: the first grant leaves it at 11,000, the second one is still in it.
  now = 11_000;
  expect(budget.remaining()).toBe(1);
  expect(budget.take()).toBe(true);
  expect(budget.take()).toBe(false);
  expect(budget.refused).toBe(2);
});
