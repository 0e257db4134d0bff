import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 50 } });
});
afterAll(() => world.stop());

interface StatusJson {
  mode: string;
  database: string;
  accounts: {
    account: string;
    configured: boolean;
    cursor: string | null;
    lagSeconds: number | null;
    lastSuccessAt: string | null;
    lastError: string | null;
  }[];
}

test('each account: mode, database, last success, cursor and lag; never-synced accounts say so', async () => {
  const database = temporaryDatabase();
  await cli(
    ['--db', database, 'sync', '--provider', 'telecmi:rest-user', '--initial', '1d'],
    world.env,
  );
  const later = new Date(testNow.getTime() + 90_000);
  const run = await cli(['--db', database, 'status', '--json'], world.env, { now: () => later });
  expect(run.exitCode).toBe(0);
  const status = JSON.parse(run.stdout) as StatusJson;
  expect(status.mode).toBe('configured');
  expect(status.database).toBe(database);
  const user = status.accounts.find((account) => account.account === 'telecmi:rest-user')!;
  expect(user.lastSuccessAt).toBe(testNow.toISOString());
  expect(user.cursor).not.toBeNull();
  expect(user.lagSeconds).toBe(Math.round((later.getTime() - Date.parse(user.cursor!)) / 1000));
  const app = status.accounts.find((account) => account.account === 'telecmi:rest-app')!;
  expect([app.configured, app.cursor, app.lastSuccessAt]).toEqual([true, null, null]);

  const table = await cli(['--db', database, 'status'], world.env, { now: () => later });
  expect(table.stdout).toContain('mode: real APIs');
  expect(table.stdout).toContain(`database: ${database}`);
  expect(table.stdout).toMatch(/^telecmi:rest-app +– +– +– +– +0 +–$/m);
});

test('an account in the database but no longer configured is still listed, marked so', async () => {
  const database = temporaryDatabase();
  await cli(
    ['--db', database, 'sync', '--provider', 'telecmi:rest-user', '--initial', '1d'],
    world.env,
  );
  const run = await cli(['--db', database, 'status'], {
    OZONETEL_USER_NAME: world.ozonetel.userName,
    OZONETEL_API_KEY: world.ozonetel.apiKey,
    OZONETEL_BASE_URL: world.ozonetel.url,
  });
  expect(run.stdout).toMatch(/^telecmi:rest-user \(not configured\) /m);
});
