// Reading commands never change a database's schema: a database behind this cdr's is an
// error that names it and `cdr migrate`, which says what it applies. SQLite and PostgreSQL.
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { openCallStore } from '../store/open-call-store.ts';
import { createTestDatabase } from '../store/postgres/postgres-test-server.ts';
import { cli, makeCall, temporaryDatabase } from '../test-support.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(drops.map((drop) => drop()));
});

/** Runs SQL on the database directly, as an older cdr's schema would have left it. */
const stores = {
  SQLite: {
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

describe.each(Object.entries(stores))('%s', (_name, { fresh, run }) => {
  test('a database at schema 4: read commands refuse it and leave it; cdr migrate upgrades it, saying how', async () => {
    const location = await fresh();
    const store = await openCallStore(location);
    await store.writeSlice({ calls: [makeCall({ id: 'a' })] });
    await store.close();
    // As cdr before schema 5 left it.
    await run(location, 'DROP TABLE quarantine');
    await run(location, 'DROP TABLE cdr_metadata');
    await run(location, 'DELETE FROM schema_migrations WHERE version >= 5');
    const version = async () =>
      Number((await run(location, 'SELECT max(version) AS v FROM schema_migrations'))[0]?.v);

    for (const command of [['calls'], ['report'], ['status'], ['export', '--format', 'csv']]) {
      const refused = await cli(['--db', location, ...command], {});
      expect(refused.exitCode, command.join(' ')).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(
        /^error: \S+ has schema 4; this cdr reads schema 6: run `cdr migrate` \(or a sync\) to upgrade it\n$/,
      );
    }
    expect(await version()).toBe(4);

    const migrated = await cli(['--db', location, 'migrate'], {});
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stderr).toMatch(
      /^schema 5: database metadata: whether its calls are simulated or real\nschema 6: the quarantine: records a provider sent that cannot be trusted, kept aside\n\S+: upgraded to schema 6\.\n$/,
    );
    expect(await version()).toBe(6);
    expect((await cli(['--db', location, 'calls', '--json'], {})).exitCode).toBe(0);
    expect((await cli(['--db', location, 'migrate'], {})).stderr).toMatch(
      /the schema is up to date/,
    );
  });
});
