// The same sync into SQLite and into PostgreSQL exports the same bytes: one contract, two
// stores, no difference a user could see.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import { cli, startTestWorld, type TestWorld, temporaryDatabase } from '../testing/test-support.ts';

let world: TestWorld;
let drop: () => Promise<void>;
let postgresUrl: string;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 400 } });
  const database = await createTestDatabase(inject('postgresAdminUrl'));
  drop = database.drop;
  postgresUrl = database.url;
});
afterAll(async () => {
  await world.stop();
  await drop();
});

test('the SQLite and PostgreSQL stores give identical exports, reports and listings for the same sync', async () => {
  const sqlite = temporaryDatabase();
  const ucids = world.ozonetel
    .calls()
    .filter((call) => world.ozonetel.storeOf(call) !== 'none')
    .slice(0, 5)
    .map((call) => call.ucid);
  for (const db of [sqlite, postgresUrl]) {
    expect((await cli(['--db', db, 'sync', '--initial', '4d'], world.env)).exitCode).toBe(0);
    expect(
      (await cli(['--db', db, 'lookup', '--provider', 'ozonetel', ...ucids], world.env)).exitCode,
    ).toBe(0);
  }
  for (const args of [
    ['export', '--format', 'ndjson'],
    ['export', '--format', 'csv'],
    ['report', '--json'],
    ['calls', '--json', '--limit', '200'],
    ['calls', '--status', 'missed', '--direction', 'inbound', '--json'],
  ]) {
    const [fromSqlite, fromPostgres] = await Promise.all([
      cli(['--db', sqlite, ...args], {}),
      cli(['--db', postgresUrl, ...args], {}),
    ]);
    expect(fromSqlite.exitCode, args.join(' ')).toBe(0);
    expect(fromSqlite.stdout.length, args.join(' ')).toBeGreaterThan(100);
    expect(fromPostgres.stdout, args.join(' ')).toBe(fromSqlite.stdout);
  }
});
