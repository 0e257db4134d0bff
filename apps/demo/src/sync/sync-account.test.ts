// The sync engine's writes: one slice written while the listing goes on, one write at a
// time and in order, a failed write stopping the run before any later write.
import type { Call, CallProvider } from '@cdr/core';
import { afterEach, expect, test } from 'vitest';
import type { CallStore, SliceWrite, UpsertCounts } from '../store/call-store.ts';
import { SqliteCallStore } from '../store/sqlite/sqlite-call-store.ts';
import { StoreError } from '../store/store-error.ts';
import { makeCall, temporaryDatabase } from '../testing/test-calls.ts';
import { type SyncProgress, syncAccount } from './sync-account.ts';

const dayMs = 86_400_000;
const from = Date.parse('2026-11-20T00:00:00Z');
const to = from + dayMs;

/** A provider serving `count` calls of one day from memory, counting those it has yielded. */
function countingProvider(count: number): CallProvider & { yielded: number } {
  const calls: Call[] = Array.from({ length: count }, (_, index) =>
    makeCall({ id: `c${index}`, startedAt: new Date(from + index * 1000) }),
  );
  const provider = {
    specificationVersion: 'v1' as const,
    provider: 'telecmi',
    name: 'telecmi:test',
    capabilities: { listCalls: { directions: [], statuses: [] }, getCall: false },
    yielded: 0,
    async *listCalls(query: { from: Date; to: Date }) {
      for (const call of calls) {
        const at = call.startedAt.getTime();
        if (at < query.from.getTime() || at > query.to.getTime()) continue;
        provider.yielded++;
        yield call;
      }
    },
    getCall: async () => null,
  };
  return provider;
}

/** A write the engine asked for, and how far the listing had got when it began and ended. */
interface RecordedWrite {
  calls: number;
  cursor: boolean;
  yieldedAtStart: number;
  yieldedAtEnd: number;
}

type SlowStore = CallStore & { writes: RecordedWrite[]; mostInFlight: number };

/**
 * A SQLite store whose writes take `holdMs` each, as a write thread's or a server's do,
 * and which records what the engine did meanwhile.
 */
function slowStore(
  provider: { yielded: number },
  options: { holdMs: number; failAt?: number },
): SlowStore {
  const store = SqliteCallStore.open(':memory:');
  let inFlight = 0;
  const writes: RecordedWrite[] = [];
  let mostInFlight = 0;
  const writeSlice = async (slice: SliceWrite): Promise<UpsertCounts> => {
    const write: RecordedWrite = {
      calls: slice.calls.length,
      cursor: slice.cursor !== undefined,
      yieldedAtStart: provider.yielded,
      yieldedAtEnd: -1,
    };
    writes.push(write);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, options.holdMs));
      if (writes.length === options.failAt)
        throw new StoreError('disk full writing test.sqlite', 'test.sqlite');
      return await store.writeSlice(slice);
    } finally {
      write.yieldedAtEnd = provider.yielded;
      inFlight--;
    }
  };
  // Every other member is the store's own (its private fields need it as `this`).
  return new Proxy(store, {
    get(target, key) {
      if (key === 'writeSlice') return writeSlice;
      if (key === 'writes') return writes;
      if (key === 'mostInFlight') return mostInFlight;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as SlowStore;
}

const stores: CallStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const options = {
  from: new Date(from),
  to: new Date(to),
  lookbackMs: 0,
  initialMs: dayMs,
  sliceMs: dayMs,
  batchSize: 1000,
  now: () => new Date(to),
};

test('the listing goes on while a batch is written; writes land one at a time, in order, the cursor last', async () => {
  const provider = countingProvider(3500);
  const store = slowStore(provider, { holdMs: 30 });
  stores.push(store);
  const progress: { update: SyncProgress; cursorWritten: boolean }[] = [];
  const result = await syncAccount({ name: 'telecmi:test', provider }, store, options, (update) =>
    progress.push({
      update,
      // The slice's last write (the one with the cursor) has finished by then.
      cursorWritten: store.writes.some((write) => write.cursor && write.yieldedAtEnd !== -1),
    }),
  );

  expect(result).toMatchObject({ ok: true, listed: 3500, inserted: 3500 });
  expect(store.writes.map((write) => [write.calls, write.cursor])).toEqual([
    [1000, false],
    [1000, false],
    [1000, false],
    [500, true],
  ]);
  expect(store.mostInFlight).toBe(1);
  // While the first batch was being written the next one was listed (an engine that waits
  // for each write before it reads on would show 1,000 here).
  expect(store.writes[0]!.yieldedAtEnd).toBeGreaterThanOrEqual(2000);
  expect(await store.countCalls({})).toBe(3500);
  expect(await store.cursor('telecmi:test')).toEqual(new Date(to));
  // Progress is told once the slice and its cursor are written.
  expect(progress).toEqual([
    {
      update: expect.objectContaining({ reached: new Date(to), listed: 3500 }),
      cursorWritten: true,
    },
  ]);
});

test('into SQLite with its write thread, as `cdr sync` runs: every call and the cursor stored', async () => {
  const provider = countingProvider(3500);
  const store = SqliteCallStore.open(temporaryDatabase(), { writeThread: true });
  stores.push(store);
  const result = await syncAccount({ name: 'telecmi:test', provider }, store, options);

  expect(result).toMatchObject({ ok: true, listed: 3500, inserted: 3500 });
  expect(await store.countCalls({})).toBe(3500);
  expect(await store.cursor('telecmi:test')).toEqual(new Date(to));
  const again = await syncAccount({ name: 'telecmi:test', provider }, store, options);
  expect(again).toMatchObject({ ok: true, inserted: 0, unchanged: 3500 });
});

test('a write that fails stops the run with its StoreError, and no write is sent after it', async () => {
  const provider = countingProvider(3500);
  const store = slowStore(provider, { holdMs: 10, failAt: 2 });
  stores.push(store);
  const caught = await syncAccount({ name: 'telecmi:test', provider }, store, options).catch(
    (error: unknown) => error,
  );

  expect(caught).toBeInstanceOf(StoreError);
  expect(store.writes).toHaveLength(2);
  expect(await store.countCalls({})).toBe(1000);
  expect(await store.cursor('telecmi:test')).toBeUndefined();
});
