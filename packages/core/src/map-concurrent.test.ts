import { expect, test } from 'vitest';
import { mapConcurrent } from './map-concurrent.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('keeps input order with bounded concurrency', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const results: number[] = [];
  for await (const value of mapConcurrent(
    [5, 1, 4, 2, 3],
    async (item) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(item * 3);
      inFlight--;
      return item * 10;
    },
    { concurrency: 2 },
  )) {
    results.push(value);
  }
  expect(results).toEqual([50, 10, 40, 20, 30]);
  expect(maxInFlight).toBe(2);
});

test('pulls lazily from async input and stops pulling when the consumer leaves', async () => {
  let pulled = 0;
  async function* source() {
    for (let index = 0; index < 1000; index++) {
      pulled++;
      yield index;
    }
  }
  for await (const value of mapConcurrent(source(), async (item) => item, { concurrency: 3 })) {
    if (value === 5) break;
  }
  expect(pulled).toBeLessThanOrEqual(9);
});

test('raises a failure in its turn', async () => {
  const seen: number[] = [];
  const run = async () => {
    for await (const value of mapConcurrent([1, 2, 3], async (item) => {
      if (item === 2) throw new Error('two');
      return item;
    })) {
      seen.push(value);
    }
  };
  await expect(run()).rejects.toThrow('two');
  expect(seen).toEqual([1]);
});
