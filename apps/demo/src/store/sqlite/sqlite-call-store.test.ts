import { spawnSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from 'vitest';
import { describeCallStore } from '../../testing/call-store-contract.ts';
import { makeCall, temporaryDatabase } from '../../testing/test-calls.ts';
import { openCallStore } from '../open-call-store.ts';
import { StoreError } from '../store-error.ts';
import { SqliteCallStore } from './sqlite-call-store.ts';
import { sqliteMigrations } from './sqlite-migrations.ts';

// Another connection, as a script or `sqlite3` would delete.
const deleteCall = async (store: { location: string }, provider: string, id: string) => {
  const database = new DatabaseSync(store.location);
  database.exec('PRAGMA busy_timeout = 5000');
  database.prepare('DELETE FROM calls WHERE provider = ? AND id = ?').run(provider, id);
  database.close();
};

describeCallStore('SQLite', async (options) => SqliteCallStore.open(temporaryDatabase(), options), {
  deleteCall,
});

// The same contract with slices written on the store's write thread (`cdr sync`'s store).
describeCallStore(
  'SQLite, slices written on a thread',
  async (options) => SqliteCallStore.open(temporaryDatabase(), { ...options, writeThread: true }),
  { deleteCall },
);

test.each([
  ['on the caller’s thread', false],
  ['on a write thread', true],
])(
  'a full disk is reported as itself, with the path, and the slice and cursor are left out (%s)',
  async (_, writeThread) => {
    const path = temporaryDatabase();
    const store = SqliteCallStore.open(path, { maxPageCount: 60, writeThread });
    const position = new Date('2026-11-20T12:00:00Z');
    await store.writeSlice({
      calls: [makeCall({ id: 'first' })],
      cursor: { account: 'telecmi:rest-user', position },
    });
    const notes = [{ text: 'x'.repeat(2000) }];
    const batch = Array.from({ length: 100 }, (_, index) => makeCall({ id: `n${index}`, notes }));
    const caught = await store
      .writeSlice({
        calls: batch,
        cursor: { account: 'telecmi:rest-user', position: new Date('2026-11-21T00:00:00Z') },
      })
      .catch((error: unknown) => error);
    // SQLite has already rolled the transaction back: a second ROLLBACK would throw
    // "cannot rollback - no transaction is active" in place of this.
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).message).toBe(`disk full writing ${path}`);
    expect(await store.countCalls({})).toBe(1);
    expect(await store.cursor('telecmi:rest-user')).toEqual(position);
    expect((await store.writeSlice({ calls: [makeCall({ id: 'second' })] })).inserted).toBe(1);
    await store.close();
  },
);

test('on a write thread, closing the store writes the slices already sent first', async () => {
  const path = temporaryDatabase();
  const store = SqliteCallStore.open(path, { writeThread: true });
  const writes = [0, 1, 2].map((index) =>
    store.writeSlice({
      account: 'telecmi:rest-user',
      calls: [makeCall({ id: `t${index}` })],
      cursor: { account: 'telecmi:rest-user', position: new Date(Date.UTC(2026, 10, 20 + index)) },
    }),
  );
  await store.close();
  expect((await Promise.all(writes)).map((counts) => counts.inserted)).toEqual([1, 1, 1]);
  const again = SqliteCallStore.open(path);
  expect(await again.countCalls({})).toBe(3);
  expect(await again.cursor('telecmi:rest-user')).toEqual(new Date(Date.UTC(2026, 10, 22)));
  await again.close();
});

test('on a write thread, a write after the store is closed is refused, naming the file', async () => {
  const path = temporaryDatabase();
  const store = SqliteCallStore.open(path, { writeThread: true });
  await store.writeSlice({ calls: [makeCall({ id: 'before' })] });
  await store.close();
  const caught = await store
    .writeSlice({ calls: [makeCall({ id: 'after' })] })
    .catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).message).toBe(`cannot write ${path}: the store is closed`);
  const again = SqliteCallStore.open(path);
  expect(await again.countCalls({})).toBe(1);
  await again.close();
});

test('on a write thread, a file replaced since the store opened it is not written', async () => {
  const path = temporaryDatabase();
  const store = SqliteCallStore.open(path, { writeThread: true });
  renameSync(path, `${path}.moved`);
  await SqliteCallStore.open(path).close();
  const caught = await store
    .writeSlice({ calls: [makeCall({ id: 'lost' })] })
    .catch((error: unknown) => error);
  await store.close();
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).message).toContain(`${path} is no longer the file`);
});

// Outside vitest nothing else keeps the process alive: closing with writes still on the
// thread must wait for them, then let the process end with its own exit code.
test('a process that closes the store with writes pending writes them and exits 0', async () => {
  const path = temporaryDatabase();
  const store = new URL('./sqlite-call-store.ts', import.meta.url).href;
  const calls = new URL('../../testing/test-calls.ts', import.meta.url).href;
  const script = `
    import { SqliteCallStore } from ${JSON.stringify(store)};
    import { makeCall } from ${JSON.stringify(calls)};
    const store = SqliteCallStore.open(${JSON.stringify(path)}, { writeThread: true });
    const writes = [0, 1, 2].map((index) => store.writeSlice({ calls: [makeCall({ id: 'p' + index })] }));
    await store.close();
    await Promise.all(writes);
  `;
  const file = join(dirname(path), 'close-with-writes-pending.mjs');
  writeFileSync(file, script);
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const again = SqliteCallStore.open(path);
  expect(await again.countCalls({})).toBe(3);
  await again.close();
});

test('a database of the first releases upgrades, keeping its calls and cursors', async () => {
  const path = temporaryDatabase();
  const old = new DatabaseSync(path);
  for (const statement of sqliteMigrations[0]!.statements) old.exec(statement);
  const call = makeCall({
    id: 'legacy',
    startedAt: new Date('2026-11-19T19:00:00Z'),
    durations: { ringSeconds: 7 },
  });
  old
    .prepare(
      `INSERT INTO calls (provider, id, started_at, ist_day, direction, status, call_json, synced_at)
       VALUES ('telecmi', 'legacy', ?, '2026-11-20', 'outbound', 'answered', ?, 0)`,
    )
    .run(call.startedAt.getTime(), JSON.stringify(call));
  old.prepare("INSERT INTO sync_cursors VALUES ('telecmi:user', 1763600000000, 0)").run();
  old.close();
  const store = SqliteCallStore.open(path);
  expect(await store.countCalls({})).toBe(1);
  expect(await store.cursor('telecmi:user')).toEqual(new Date(1763600000000));
  const figures = await store.reportFigures({});
  // Backfilled: 19:00 UTC is 00:30 on a Friday in India; the ring time read from the call.
  expect(figures.heatmap).toEqual([]);
  expect(figures.trend).toEqual([
    { day: '2026-11-20', calls: 1, answered: 1, averageRingSeconds: 7 },
  ]);
  // Schema 4 marked every day of the calls already there: the kept figures start complete.
  expect(figures).toEqual(await store.reportFiguresFromCalls({}));
  await store.close();
  const reopened = new DatabaseSync(path, { readOnly: true });
  // Schema 8 dropped India's columns, which schema 2 had backfilled: the quarters replace them.
  const columns = reopened
    .prepare('SELECT name FROM pragma_table_info(?)')
    .all('calls')
    .map((row) => row.name);
  expect(columns).toContain('started_at');
  expect(columns.filter((name) => String(name).startsWith('ist_'))).toEqual([]);
  expect(reopened.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({
    v: 8,
  });
  reopened.close();
});

test('a newer cdr’s database and another program’s are refused, naming the file', async () => {
  const newer = temporaryDatabase();
  (await openCallStore(newer)).close();
  const database = new DatabaseSync(newer);
  database.prepare('INSERT INTO schema_migrations VALUES (99, 0)').run();
  database.close();
  await expect(openCallStore(newer)).rejects.toThrow(
    `${newer} was written by a newer version of cdr (schema 99; this one knows up to 8): upgrade cdr to use it`,
  );

  const foreign = temporaryDatabase();
  const other = new DatabaseSync(foreign);
  other.exec('CREATE TABLE invoices (id INTEGER)');
  other.close();
  await expect(openCallStore(foreign)).rejects.toThrow(
    `${foreign} is not a cdr database (it holds other tables: invoices)`,
  );

  const lookalike = temporaryDatabase();
  const calls = new DatabaseSync(lookalike);
  calls.exec('CREATE TABLE calls (id INTEGER, at TEXT)');
  calls.close();
  await expect(openCallStore(lookalike)).rejects.toThrow('its calls table has no provider column');

  await expect(openCallStore('/nonexistent/deep/cdr.sqlite', { mustExist: true })).rejects.toThrow(
    'there is no database at /nonexistent/deep/cdr.sqlite',
  );
});
