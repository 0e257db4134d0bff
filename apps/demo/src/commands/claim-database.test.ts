// Simulated calls never reach a database that holds real accounts' calls (and the other
// way round), on either store: the CLI in-process, a SQLite file and a PostgreSQL database.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openCallStore } from '../store/open-call-store.ts';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import {
  cli,
  makeCall,
  startTestWorld,
  storedCalls,
  type TestWorld,
  temporaryDatabase,
} from '../testing/test-support.ts';

let world: TestWorld;
const drops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 60 }, ozonetel: { calls: 10 } });
});
afterAll(async () => {
  await world.stop();
  await Promise.all(drops.map((drop) => drop()));
});

const small = { simulation: { calls: 20, days: 2, latencyMs: 0 } };
const sync = (database: string, ...more: string[]) => [
  '--db',
  database,
  ...more,
  'sync',
  '--initial',
  '2d',
];

const stores = {
  SQLite: async () => temporaryDatabase(),
  PostgreSQL: async () => {
    const database = await createTestDatabase(inject('postgresAdminUrl'));
    drops.push(database.drop);
    return database.url;
  },
};

describe.each(Object.entries(stores))('%s', (_name, freshDatabase) => {
  test('a sync with no account into a database of real calls is refused, writes nothing, even with -q', async () => {
    const database = await freshDatabase();
    expect((await cli(sync(database), world.env)).exitCode).toBe(0);
    const real = await storedCalls(database);
    expect(real.length).toBeGreaterThan(0);

    const refused = await cli(sync(database, '-q'), {}, small);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.split('\n')).toHaveLength(2);
    expect(refused.stderr).toMatch(
      /^error: \S+ holds real accounts' calls, and no account is configured/,
    );
    expect(refused.stderr).toContain('--accounts');
    expect(refused.stderr).toContain('cdr demo');
    expect(refused.stderr).toContain('--allow-simulated');
    expect(await storedCalls(database)).toEqual(real);

    // On purpose: written, and the mark stays real.
    const allowed = await cli(sync(database, '-q', '--allow-simulated'), {}, small);
    expect(allowed.exitCode).toBe(0);
    expect((await storedCalls(database)).length).toBeGreaterThan(real.length);
    expect((await cli(sync(database, '-q'), {}, small)).exitCode).toBe(1);
  });

  test('real accounts are refused a database the simulators wrote first', async () => {
    const database = await freshDatabase();
    expect((await cli(sync(database, '-q'), {}, small)).exitCode).toBe(0);
    const simulated = await storedCalls(database);
    const refused = await cli(sync(database), world.env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^error: \S+ holds the simulators' calls .*another --db/);
    expect(refused.stderr.split('\n')).toHaveLength(2);
    expect(await storedCalls(database)).toEqual(simulated);
    // Simulating into it again is what it is for.
    expect((await cli(sync(database, '-q'), {}, small)).exitCode).toBe(0);
  });

  test('calls written before databases were marked are taken for real ones', async () => {
    const database = await freshDatabase();
    const store = await openCallStore(database);
    await store.writeSlice({ calls: [makeCall({ id: 'old' })] });
    await store.close();
    const refused = await cli(sync(database), {}, small);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/written before cdr marked databases real or simulated/);
    expect((await storedCalls(database)).map((call) => call.id)).toEqual(['old']);
  });
});
