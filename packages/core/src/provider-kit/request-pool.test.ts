import { expect, test } from 'vitest';
import { RequestPool } from './request-pool.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

test('never runs more than its slots, and gives a freed slot to the lowest priority', async () => {
  const pool = new RequestPool(2);
  const order: string[] = [];
  const gates = new Map<string, ReturnType<typeof deferred>>();
  let peak = 0;
  const run = (name: string, priority: number[]) => {
    const gate = deferred();
    gates.set(name, gate);
    return pool.run(priority, async () => {
      order.push(name);
      peak = Math.max(peak, pool.running);
      await gate.promise;
    });
  };
  const all = [
    run('a', [0, 0, 1]),
    run('b', [0, 0, 2]),
    // Queued while both slots are busy: the later listing asks first, the earlier second.
    run('later listing', [1, 0, 1]),
    run('earlier listing, page 3', [0, 0, 3]),
    run('earlier listing, next endpoint', [0, 1, 1]),
  ];
  await Promise.resolve();
  expect(order).toEqual(['a', 'b']);
  gates.get('a')!.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gates.get('b')!.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const gate of gates.values()) gate.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const gate of gates.values()) gate.resolve();
  await Promise.all(all);
  expect(order).toEqual([
    'a',
    'b',
    'earlier listing, page 3',
    'earlier listing, next endpoint',
    'later listing',
  ]);
  expect(peak).toBe(2);
  expect(pool.running).toBe(0);
});

test('an aborted waiter leaves the queue without taking a slot', async () => {
  const pool = new RequestPool(1);
  const gate = deferred();
  const first = pool.run([0], () => gate.promise);
  const controller = new AbortController();
  const reason = new Error('gone');
  const aborted = pool.run([0], async () => 'never', controller.signal);
  const next = pool.run([1], async () => 'next');
  controller.abort(reason);
  await expect(aborted).rejects.toBe(reason);
  gate.resolve();
  await first;
  await expect(next).resolves.toBe('next');
  expect(pool.running).toBe(0);
});

test('a failing task frees its slot', async () => {
  const pool = new RequestPool(1);
  await expect(pool.run([0], async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
  await expect(pool.run([0], async () => 1)).resolves.toBe(1);
});
