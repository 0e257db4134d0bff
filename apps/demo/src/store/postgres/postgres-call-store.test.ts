import pg from 'pg';
import { afterAll, expect, inject, test } from 'vitest';
import { describeCallStore } from '../../testing/call-store-contract.ts';
import { createTestDatabase } from '../../testing/postgres-test-server.ts';
import { makeCall } from '../../testing/test-calls.ts';
import { callRowColumns, toCallRow } from '../call-row.ts';
import { openCallStore } from '../open-call-store.ts';

const adminUrl = inject('postgresAdminUrl');
const databases: { drop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase(adminUrl);
  databases.push(database);
  return database.url;
}

const urls = new WeakMap<object, string>();
describeCallStore(
  `PostgreSQL (${inject('postgresKind')} server)`,
  async (options) => {
    const url = await freshDatabase();
    const store = await openCallStore(url, options);
    urls.set(store, url);
    return store;
  },
  {
    deleteCall: async (store, provider, id) => {
      const client = new pg.Client({ connectionString: urls.get(store) });
      await client.connect();
      await client.query('DELETE FROM calls WHERE provider = $1 AND id = $2', [provider, id]);
      await client.end();
    },
  },
);

test('writes large slices in batches, and reruns change nothing', async () => {
  const store = await openCallStore(await freshDatabase());
  const calls = Array.from({ length: 1300 }, (_, index) => makeCall({ id: `c${index}` }));
  expect(await store.writeSlice({ calls })).toEqual({ inserted: 1300, updated: 0, unchanged: 0 });
  expect(await store.writeSlice({ calls })).toEqual({ inserted: 0, updated: 0, unchanged: 1300 });
  await store.close();
});

test('the whole Call is kept as jsonb, provider record and all, for SQL to read', async () => {
  const url = await freshDatabase();
  const store = await openCallStore(url);
  await store.writeSlice({
    calls: [makeCall({ id: 'a', raw: { CallID: '31733467784618213', Disposition: 'Resolved' } })],
  });
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    "SELECT call_json -> 'raw' ->> 'Disposition' AS disposition, pg_typeof(call_json)::text AS type FROM calls",
  );
  await client.end();
  expect(rows).toEqual([{ disposition: 'Resolved', type: 'jsonb' }]);
});

test('a newer cdr’s database is refused, and a password never shows in a message', async () => {
  const url = await freshDatabase();
  (await openCallStore(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('INSERT INTO schema_migrations VALUES (99, 0)');
  await client.end();
  await expect(openCallStore(url)).rejects.toThrow(
    /was written by a newer version of cdr \(schema 99/,
  );
  const refused = await openCallStore('postgres://cdr:SECRET-PASSWORD@127.0.0.1:9/cdr').catch(
    (error: unknown) => error,
  );
  expect(String(refused)).toContain(
    'PostgreSQL at postgres://cdr@127.0.0.1:9/cdr: connection refused',
  );
  expect(String(refused)).not.toContain('SECRET-PASSWORD');
});

test('a write committing while the figures refresh is not lost, though its day was already dirty', async () => {
  const url = await freshDatabase();
  const store = await openCallStore(url);
  const day = new Date('2026-11-20T05:00:00Z');
  await store.writeSlice({ calls: [makeCall({ id: 'first', startedAt: day })] });
  // A writer whose day is already marked: its trigger finds the row, so marks nothing new.
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  await writer.query('BEGIN');
  const row = toCallRow(makeCall({ id: 'second', startedAt: day }), null, 0);
  await writer.query(
    `INSERT INTO calls (${callRowColumns.join(', ')})
     VALUES (${callRowColumns.map((_, index) => `$${index + 1}`).join(', ')})`,
    callRowColumns.map((column) => row[column]),
  );
  let refreshed = false;
  const refreshing = store.refreshFigures().then((days) => {
    refreshed = true;
    return days;
  });
  // The refresh waits for the writer (its lock on dirty_quarters) rather than computing the day
  // without the writer's call and dropping the mark the writer relies on.
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  for (let waiting = false; !waiting && !refreshed; ) {
    const { rows } = await watcher.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
    );
    waiting = rows[0].n > 0;
  }
  await watcher.end();
  expect(refreshed).toBe(false);
  await writer.query('COMMIT');
  await writer.end();
  expect(await refreshing).toBe(1);
  const figures = await store.reportFigures({});
  expect(figures.providers[0]?.calls).toBe(2);
  expect(figures).toEqual(await store.reportFiguresFromCalls({}));
  await store.close();
});
