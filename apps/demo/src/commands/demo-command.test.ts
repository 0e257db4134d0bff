import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cli, storedCalls, temporaryDatabase, temporaryHome } from '../testing/test-support.ts';

const simulation = { calls: 400, latencyMs: 0 };

test('the demo syncs the simulators into its own database, takes the pushes, looks up the lost ones, reports', async () => {
  const home = temporaryHome();
  // Accounts configured for real are not touched by the demo: it always runs on the simulators.
  const run = await cli(['demo'], { TELECMI_USER_TOKEN: 'a-real-token' }, { home, simulation });
  expect(run.exitCode).toBe(0);
  const database = join(home, '.local', 'share', 'cdr', 'demo.sqlite');
  expect(run.stderr).toContain(`Demo: the simulators on 127.0.0.1, stored in ${database}`);
  expect(run.stdout).toMatch(/^telecmi:rest-user .* listed/m);
  // Ozonetel lists by IST day too (its reports API); a push of a call the sync listed
  // updates it (the push's record replaces the report's), and is never a second call.
  expect(run.stdout).toMatch(
    /^ozonetel {2}.* IST {2}\d+ listed, \d+ new, 0 updated, 0 unchanged$/m,
  );
  expect(run.stdout).toMatch(
    /^ozonetel {2}pushes received: (\d+) pushes: \d+ calls stored(, \d+ updated)?$/m,
  );
  expect(run.stdout).toMatch(/^ozonetel {2}looking up the \d+ calls whose push never came$/m);
  expect(run.stdout).toMatch(
    /^\d+ UCIDs: \d+ found and stored, 0 not found, 0 not available yet, 0 failed$/m,
  );
  expect(run.stdout).toContain('Busiest agents');
  const stored = await storedCalls(database);
  const pushedOrLooked =
    Number(/pushes received: (\d+)/.exec(run.stdout)![1]) +
    Number(/^(\d+) UCIDs/m.exec(run.stdout)![1]);
  expect(stored.filter((call) => call.provider === 'ozonetel')).toHaveLength(pushedOrLooked);

  // A second demo starts again from an empty database: the same figures, not doubled.
  const again = await cli(['demo'], {}, { home, simulation });
  expect((await storedCalls(database)).length).toBe(stored.length);
  // Accounts that see the same calls (TeleCMI's PIOPIY app and agent) sync in parallel, so
  // which of them stores a shared call first, and counts it new, varies from run to run:
  // compare what each listed, and the new calls in all.
  const listed = (stdout: string) =>
    stdout.replace(/(\d+) listed, \d+ new, \d+ updated, \d+ unchanged/g, '$1 listed');
  const newInAll = (stdout: string) =>
    [...stdout.matchAll(/\d+ listed, (\d+) new,/g)].reduce((sum, [, n]) => sum + Number(n), 0);
  expect(listed(again.stdout)).toBe(listed(run.stdout));
  expect(newInAll(again.stdout)).toBe(newInAll(run.stdout));
  expect(newInAll(run.stdout)).toBeGreaterThan(0);
});

test('--db puts the demo elsewhere, and a real sync’s default database is never written', async () => {
  const home = temporaryHome();
  const database = temporaryDatabase();
  const run = await cli(
    ['--db', database, '--quiet', 'demo'],
    {},
    { home, simulation: { calls: 50 } },
  );
  expect(run.exitCode).toBe(0);
  expect((await storedCalls(database)).length).toBeGreaterThan(0);
  const defaultDatabase = await cli(['calls'], {}, { home });
  expect(defaultDatabase.stderr).toMatch(/^error: there is no database at .*cdr\.sqlite/);
});
