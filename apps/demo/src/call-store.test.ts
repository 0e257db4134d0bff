import { expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import { StoreError } from './store-error.ts';
import { makeCall, temporaryDatabase } from './test-support.ts';

test('upsert inserts, leaves unchanged rows alone and updates changed ones', () => {
  const store = CallStore.open(':memory:');
  const a = makeCall({ id: 'a' });
  const b = makeCall({ id: 'b' });
  expect(store.upsert([a, b])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
  const noted = { ...a, notes: [{ text: 'call back after 6 pm' }] };
  expect(store.upsert([noted, b])).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  expect(store.count()).toBe(2);
  expect([...store.iterateCalls()]).toEqual([noted, b]);
  // Same id at another provider is another call.
  expect(store.upsert([{ ...a, provider: 'ozonetel' }]).inserted).toBe(1);
  store.close();
});

test('the cursor moves with its rows or not at all', () => {
  const store = CallStore.open(':memory:');
  const position = new Date('2026-11-20T12:00:00Z');
  store.upsert([makeCall({ id: 'a' })], { account: 'telecmi:user', position });
  expect(store.cursor('telecmi:user')).toEqual(position);
  expect(store.cursor('telecmi:app')).toBeUndefined();

  const broken = { ...makeCall({ id: 'b' }), startedAt: new Date(Number.NaN) };
  expect(() =>
    store.upsert([makeCall({ id: 'c' }), broken], {
      account: 'telecmi:user',
      position: new Date('2026-11-21T00:00:00Z'),
    }),
  ).toThrow();
  expect(store.count()).toBe(1);
  expect(store.cursor('telecmi:user')).toEqual(position);

  // A position behind the stored one (another sync got further) leaves it where it is.
  store.upsert([], { account: 'telecmi:user', position: new Date('2026-11-19T00:00:00Z') });
  expect(store.cursor('telecmi:user')).toEqual(position);
  store.close();
});

test('a full disk is reported as itself, with the path, and the batch and cursor are left out', () => {
  const path = temporaryDatabase();
  const store = CallStore.open(path, { maxPageCount: 12 });
  const position = new Date('2026-11-20T12:00:00Z');
  store.upsert([makeCall({ id: 'first' })], { account: 'telecmi:user', position });
  const notes = [{ text: 'x'.repeat(2000) }];
  const batch = Array.from({ length: 100 }, (_, index) => makeCall({ id: `n${index}`, notes }));
  let caught: unknown;
  try {
    store.upsert(batch, { account: 'telecmi:user', position: new Date('2026-11-21T00:00:00Z') });
  } catch (error) {
    caught = error;
  }
  // SQLite has already rolled the transaction back: a second ROLLBACK used to throw
  // "cannot rollback - no transaction is active" in place of this.
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).message).toBe(`disk full writing ${path}`);
  expect((caught as StoreError).path).toBe(path);
  expect(store.count()).toBe(1);
  expect(store.cursor('telecmi:user')).toEqual(position);
  // The store is still usable for what fits.
  expect(store.upsert([makeCall({ id: 'second' })]).inserted).toBe(1);
  store.close();
});

test('a database that cannot be created is a StoreError naming the file', () => {
  const file = temporaryDatabase();
  CallStore.open(file).close();
  // The database file itself stands where a folder is needed.
  const path = `${file}/nested/calls.sqlite`;
  expect(() => CallStore.open(path)).toThrow(
    new StoreError(`cannot write ${path}: a part of its path is not a folder`, path),
  );
});
