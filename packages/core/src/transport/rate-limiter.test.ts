import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RateLimiter', () => {
  test('grants `limit` at once, then one more each time the oldest leaves the window', async () => {
    const limiter = new RateLimiter({ limit: 3, intervalMs: 1000, now: () => Date.now() });
    const grantedAt: number[] = [];
    const all = Array.from({ length: 7 }, () =>
      limiter.acquire().then(() => grantedAt.push(Date.now())),
    );
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(all);
    expect(grantedAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  test('never grants more than `limit` within any window', async () => {
    const limiter = new RateLimiter({
      limit: 5,
      intervalMs: 600,
      safetyMarginMs: 10,
      now: () => Date.now(),
    });
    const grantedAt: number[] = [];
    const all: Promise<unknown>[] = [];
    for (let index = 0; index < 40; index++) {
      all.push(limiter.acquire().then(() => grantedAt.push(Date.now())));
      await vi.advanceTimersByTimeAsync(37);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    for (let index = 5; index < grantedAt.length; index++) {
      expect(grantedAt[index]! - grantedAt[index - 5]!).toBeGreaterThanOrEqual(610);
    }
  });

  test('is shared fairly between users in arrival order', async () => {
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100, now: () => Date.now() });
    const order: string[] = [];
    const a = limiter.acquire().then(() => order.push('a'));
    const b = limiter.acquire().then(() => order.push('b'));
    const c = limiter.acquire().then(() => order.push('c'));
    await vi.advanceTimersByTimeAsync(300);
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('pauses all grants when told the provider is limiting', async () => {
    const limiter = new RateLimiter({ limit: 10, intervalMs: 1000, now: () => Date.now() });
    limiter.pauseFor(500);
    let granted = false;
    const pending = limiter.acquire().then(() => {
      granted = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(granted).toBe(true);
  });

  test('an aborted waiter does not take a slot or block those behind it', async () => {
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100, now: () => Date.now() });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    await vi.advanceTimersByTimeAsync(100);
    await expect(next).resolves.toBe(100);
  });

  test('a slot taken counts until a window after it is settled, not after its grant', async () => {
    const limiter = new RateLimiter({ limit: 2, intervalMs: 1000, now: () => Date.now() });
    const a = await limiter.take();
    const b = await limiter.take();
    let grantedAt: number | undefined;
    const c = limiter.take().then((slot) => {
      grantedAt = Date.now();
      return slot;
    });
    // Both in flight: nothing frees them but an answer, however long it takes.
    await vi.advanceTimersByTimeAsync(5000);
    expect(grantedAt).toBeUndefined();
    a.settle();
    a.settle(); // idempotent: one settle, one slot
    await vi.advanceTimersByTimeAsync(999);
    expect(grantedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(grantedAt).toBe(6000);
    expect((await c).waitedMs).toBe(6000);
    b.settle();
  });

  test('acquire counts its window from the grant, as before slots could be settled', async () => {
    const limiter = new RateLimiter({ limit: 1, intervalMs: 1000, now: () => Date.now() });
    await limiter.acquire();
    const next = limiter.acquire();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(next).resolves.toBe(1000);
  });

  test('keeps its windows on a monotonic clock: the wall clock set back an hour stalls nothing', async () => {
    // No clock given: the default's. Fake timers move Date and the monotonic clock together,
    // and setSystemTime moves Date alone, as an NTP step or an operator would.
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100 });
    await limiter.acquire();
    vi.setSystemTime(Date.now() - 3_600_000);
    let granted = false;
    const next = limiter.acquire().then((waited) => {
      granted = true;
      return waited;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toBe(true);
    await expect(next).resolves.toBe(100);
  });

  test('an aborted waiter behind slots in flight takes nothing and blocks no one', async () => {
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100, now: () => Date.now() });
    const held = await limiter.take();
    const controller = new AbortController();
    const aborted = limiter.take(controller.signal);
    let grantedAt: number | undefined;
    const next = limiter.take().then(() => {
      grantedAt = Date.now();
    });
    await vi.advanceTimersByTimeAsync(50);
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    held.settle();
    await vi.advanceTimersByTimeAsync(99);
    expect(grantedAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(grantedAt).toBe(150);
  });

  test('a slot given up without an answer counts a window longer than an answered one', async () => {
    const limiter = new RateLimiter({ limit: 2, intervalMs: 1000, now: () => Date.now() });
    const lost = await limiter.take();
    const answered = await limiter.take();
    await vi.advanceTimersByTimeAsync(100);
    lost.abandon(); // its window starts at 1100: it may still be on its way
    await vi.advanceTimersByTimeAsync(100);
    answered.settle(); // its window starts at 200, before the abandoned one's
    const grantedAt: number[] = [];
    const next = [limiter.take(), limiter.take()].map((slot) =>
      slot.then(() => grantedAt.push(Date.now())),
    );
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(next);
    expect(grantedAt).toEqual([1200, 2100]);
  });

  test('a waiter in line gives up as soon as its signal aborts, even behind one waiting for an answer', async () => {
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100, now: () => Date.now() });
    const held = await limiter.take();
    const head = limiter.take(); // waits for `held`'s answer, however long
    const controller = new AbortController();
    const queued = limiter.take(controller.signal);
    await vi.advanceTimersByTimeAsync(50);
    controller.abort(new Error('deadline'));
    await expect(queued).rejects.toThrow('deadline');
    await vi.advanceTimersByTimeAsync(5000);
    held.settle();
    await vi.advanceTimersByTimeAsync(100);
    const second = await head;
    second.settle();
    // The one that gave up took no slot: the next is granted a window after `second`.
    let grantedAt: number | undefined;
    const next = limiter.take().then(() => {
      grantedAt = Date.now();
    });
    await vi.advanceTimersByTimeAsync(100);
    await next;
    expect(grantedAt).toBe(5250);
  });

  test('a wait for an answer is reported to `onWait` once it is over', async () => {
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100, now: () => Date.now() });
    const held = await limiter.take();
    const waits: number[] = [];
    const next = limiter.take(undefined, (waitMs) => waits.push(waitMs));
    await vi.advanceTimersByTimeAsync(700);
    held.settle();
    await vi.advanceTimersByTimeAsync(100);
    await expect(next).resolves.toMatchObject({ waitedMs: 800 });
    expect(waits).toEqual([700, 100]);
  });

  test('however late each request reaches the provider, no window there holds more than `limit`', async () => {
    // A provider that counts requests on arrival, somewhere between their grant and their
    // answer (network delays that vary from 1 to 400 ms each way, seeded), and clients that
    // keep up to 12 requests in flight against a budget of 5 a second.
    let seed = 27;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const limit = 5;
    const intervalMs = 1000;
    const limiter = new RateLimiter({ limit, intervalMs, now: () => Date.now() });
    const arrivals: number[] = [];
    const request = async () => {
      const slot = await limiter.take();
      const there = 1 + Math.floor(random() * 400);
      const back = 1 + Math.floor(random() * 400);
      await new Promise((resolve) => setTimeout(resolve, there));
      arrivals.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, back));
      slot.settle();
    };
    const lanes = Array.from({ length: 12 }, async () => {
      for (let index = 0; index < 25; index++) await request();
    });
    await vi.advanceTimersByTimeAsync(600_000);
    await Promise.all(lanes);
    expect(arrivals).toHaveLength(300);
    arrivals.sort((x, y) => x - y);
    for (let index = limit; index < arrivals.length; index++)
      expect(arrivals[index]! - arrivals[index - limit]!).toBeGreaterThanOrEqual(intervalMs);
    // The same requests counted from their grants (the margin-less acquire) would not hold.
  });

  test('rejects nonsense settings with a typed error naming the setting', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ limit: 0, intervalMs: 1 }, /`limit`/],
      [{ limit: -1, intervalMs: 1 }, /`limit`/],
      [{ limit: Number.NaN, intervalMs: 1 }, /`limit`/],
      [{ limit: 1, intervalMs: 0 }, /`intervalMs`/],
      [{ limit: 1, intervalMs: Number.NaN }, /`intervalMs`/],
      [{ limit: 1, intervalMs: 1, safetyMarginMs: -5 }, /`safetyMarginMs`/],
      [{ limit: 1, interval: 1000 }, /`intervalMs`|Unrecognized key/],
    ];
    for (const [options, message] of bad) {
      expect(
        () => new RateLimiter(options as unknown as RateLimiterOptions),
        JSON.stringify(options),
      ).toThrow(InvalidRequestError);
      expect(() => new RateLimiter(options as unknown as RateLimiterOptions)).toThrow(message);
    }
  });
});
