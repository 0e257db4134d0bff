// Reading commands never change a database's schema: a database behind this cdr's is an
// error that names it and `cdr migrate`, which says what it applies. SQLite and PostgreSQL.
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { canonicalJson } from '../store/canonical-json.ts';
import { openCallStore } from '../store/open-call-store.ts';
import { postgresMigrations } from '../store/postgres/postgres-migrations.ts';
import type { Migration } from '../store/schema-migrations.ts';
import { sqliteMigrations } from '../store/sqlite/sqlite-migrations.ts';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import { cli, makeCall, temporaryDatabase } from '../testing/test-support.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(drops.map((drop) => drop()));
});

/** Runs SQL on the database directly, as an older cdr's schema would have left it. */
const stores = {
  SQLite: {
    migrations: sqliteMigrations,
    fresh: async () => temporaryDatabase(),
    run: async (location: string, statement: string) => {
      const database = new DatabaseSync(location);
      try {
        return database.prepare(statement).all() as Record<string, unknown>[];
      } finally {
        database.close();
      }
    },
  },
  PostgreSQL: {
    migrations: postgresMigrations,
    fresh: async () => {
      const database = await createTestDatabase(inject('postgresAdminUrl'));
      drops.push(database.drop);
      return database.url;
    },
    run: async (location: string, statement: string) => {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        return (await client.query(statement)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
  },
};

/** A call as schema 4 stored it (the columns the report reads, the whole call as JSON). */
const schema4Row = (call: ReturnType<typeof makeCall>) => {
  const json = canonicalJson(call).replaceAll("'", "''");
  return `INSERT INTO calls (provider, id, started_at, ist_day, direction, status, call_json, synced_at)
    VALUES ('${call.provider}', '${call.id}', ${call.startedAt.getTime()}, '2026-11-20',
      '${call.direction}', '${call.status}', '${json}', 0)`;
};

describe.each(Object.entries(stores))('%s', (_name, { migrations, fresh, run }) => {
  test('a database at schema 4: read commands refuse it and leave it; cdr migrate upgrades it, saying how', async () => {
    const location = await fresh();
    // As cdr before schema 5 left it: a call, and a Twilio <Dial> leg of it.
    await run(
      location,
      'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
    );
    for (const migration of migrations.filter((each: Migration) => each.version <= 4)) {
      for (const statement of migration.statements) await run(location, statement);
      await run(location, `INSERT INTO schema_migrations VALUES (${migration.version}, 0)`);
    }
    const startedAt = new Date('2026-11-20T10:00:00+05:30');
    await run(location, schema4Row(makeCall({ id: 'CA1', provider: 'twilio', startedAt })));
    await run(
      location,
      schema4Row(
        makeCall({
          id: 'CA2',
          provider: 'twilio',
          startedAt,
          providerFields: { parentCallSid: 'CA1' },
        }),
      ),
    );
    const version = async () =>
      Number((await run(location, 'SELECT max(version) AS v FROM schema_migrations'))[0]?.v);

    for (const command of [['calls'], ['report'], ['status'], ['export', '--format', 'csv']]) {
      const refused = await cli(['--db', location, ...command], {});
      expect(refused.exitCode, command.join(' ')).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(
        /^error: \S+ has schema 4; this cdr reads schema 8: run `cdr migrate` \(or a sync\) to upgrade it\n$/,
      );
    }
    expect(await version()).toBe(4);

    const migrated = await cli(['--db', location, 'migrate'], {});
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stderr).toMatch(
      /^schema 5: database metadata: whether its calls are simulated or real\nschema 6: the quarantine: records a provider sent that cannot be trusted, kept aside\nschema 7: report figures kept per quarter hour of UTC \(any zone.s days\), child legs marked\nschema 8: costs and agents kept per hour too; India.s day, hour and weekday columns dropped\n\S+: upgraded to schema 8\.\n$/,
    );
    expect(await version()).toBe(8);
    // Schema 8 dropped the columns of India's day, hour and weekday.
    const [row] = await run(location, 'SELECT * FROM calls LIMIT 1');
    expect(Object.keys(row ?? {}).filter((column) => column.startsWith('ist_'))).toEqual([]);
    expect(Object.keys(row ?? {})).toContain('started_at');
    expect((await cli(['--db', location, 'calls', '--json'], {})).exitCode).toBe(0);
    // The calls written before schema 7 are in its figures, the leg folded into its call.
    const store = await openCallStore(location);
    try {
      expect((await store.reportFigures({})).providers.map((each) => each.calls)).toEqual([1]);
      const legs = await store.reportFigures({ legs: true, timeZone: 'America/New_York' });
      expect(legs.providers.map((each) => each.calls)).toEqual([2]);
      expect(legs.days.map((each) => each.day)).toEqual(['2026-11-19']);
    } finally {
      await store.close();
    }
    expect((await cli(['--db', location, 'migrate'], {})).stderr).toMatch(
      /the schema is up to date/,
    );
  });
});

test('PostgreSQL: a role that may only SELECT runs every reading command', async () => {
  const location = await stores.PostgreSQL.fresh();
  const store = await openCallStore(location);
  await store.writeSlice({
    account: 'telecmi:rest-user',
    calls: [
      makeCall({ id: 'a' }),
      makeCall({ id: 'b', startedAt: new Date('2026-11-21T10:00:00Z') }),
    ],
  });
  await store.refreshFigures();
  await store.close();
  const role = `cdr_reader_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const database = new URL(location).pathname.slice(1);
  await stores.PostgreSQL.run(
    location,
    `CREATE ROLE ${role} LOGIN; GRANT CONNECT ON DATABASE ${database} TO ${role};
     GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`,
  );
  const reader = new URL(location);
  reader.username = role;
  reader.password = '';
  const before = await stores.PostgreSQL.run(location, 'SELECT count(*) AS n FROM calls');
  try {
    for (const command of [
      ['calls', '--json'],
      ['report', '--from', '2026-11-01', '--to', '2026-11-23'],
      ['status'],
      ['export', '--format', 'csv'],
    ]) {
      const run = await cli(['--db', reader.toString(), ...command], {});
      expect(run.stderr, command.join(' ')).toBe('');
      expect(run.exitCode, command.join(' ')).toBe(0);
    }
    // A write is refused by the server, not attempted quietly: the role really is read-only.
    await expect(
      stores.PostgreSQL.run(reader.toString(), "DELETE FROM calls WHERE id = 'a'"),
    ).rejects.toThrow(/permission denied/);
    expect(await stores.PostgreSQL.run(location, 'SELECT count(*) AS n FROM calls')).toEqual(
      before,
    );
  } finally {
    // Its grants first (the database's own included), then the role, before the database goes.
    await stores.PostgreSQL.run(location, `DROP OWNED BY ${role}`);
    await stores.PostgreSQL.run(inject('postgresAdminUrl'), `DROP ROLE ${role}`);
  }
});
