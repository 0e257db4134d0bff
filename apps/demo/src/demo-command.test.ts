import { expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import { cli, startCli, temporaryDatabase } from './test-support.ts';

test('with no credentials, `demo` runs against the simulators and prints the report', async () => {
  const database = temporaryDatabase();
  const run = await cli(
    ['--db', database, 'demo'],
    {},
    {
      simulation: { telecmiCalls: 400, ozonetelCalls: 60, latencyMs: 0 },
    },
  );
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toContain('using the simulators on 127.0.0.1');
  expect(run.stdout).toMatch(/^telecmi:rest-user .* listed/m);
  expect(run.stdout).toMatch(
    /^ozonetel {2}45 calls pushed to the callback receiver; looking up the 3 whose push never came$/m,
  );
  expect(run.stdout).toContain('Busiest agents');
  const store = CallStore.open(database);
  const providers = store.select<{ provider: string; n: number }>(
    'SELECT provider, count(*) AS n FROM calls GROUP BY provider ORDER BY provider',
  );
  store.close();
  expect(providers.map((row) => row.provider)).toEqual(['ozonetel', 'telecmi']);
  // Every TeleCMI call of the six simulated days, once (the agent's are also the app's).
  expect(providers[1]!.n).toBe(400);
});

test('`receive` serves until told to stop', async () => {
  const running = startCli(
    ['--db', temporaryDatabase(), 'receive', '--port', '0'],
    {},
    { simulation: { telecmiCalls: 10, ozonetelCalls: 5 } },
  );
  await running.printed(/Receiving Ozonetel callbacks at/);
  const run = await running.stop();
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(
    /Receiving Ozonetel callbacks at http:\/\/127\.0\.0\.1:\d+\/ozonetel\/callback/,
  );
  expect(run.stdout).toContain('0 pushes: 0 calls stored');
});
