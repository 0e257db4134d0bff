// Names and windows that can match nothing are said to be so, not answered with "0 calls".
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, temporaryDatabase, testNow } from '../testing/test-support.ts';

let database: string;
beforeAll(async () => {
  database = temporaryDatabase();
  const sync = await cli(
    ['--db', database, '-q', 'sync', '--initial', '2d'],
    {},
    {
      simulation: { calls: 20, days: 2, latencyMs: 0 },
    },
  );
  expect(sync.exitCode).toBe(0);
});
afterAll(() => undefined);

test.each([['calls'], ['export', '--format', 'csv'], ['report'], ['report', '--json']])(
  '%s --provider with an unknown provider or account: an error naming the known ones',
  async (...command) => {
    for (const name of ['nope', 'telecmi:nope']) {
      const run = await cli(['--db', database, ...command, '--provider', name], {});
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        new RegExp(
          `^error: --provider "${name}": no such provider or account in \\S+; it has .*ozonetel, .*telecmi, .*telecmi:rest-user.*\\n$`,
        ),
      );
    }
    // A known provider and account still select.
    const known = await cli(
      ['--db', database, ...command, '--provider', 'telecmi', '--provider', 'ozonetel'],
      {},
    );
    expect(known.exitCode).toBe(0);
  },
);

test.each([['calls'], ['export', '--format', 'ndjson'], ['report']])(
  '%s --from in the future: says no call has started yet',
  async (...command) => {
    const run = await cli(['--db', database, ...command, '--from', '2099-01-01'], {});
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: --from (2098-12-31T18:30:00.000Z) is in the future (now ${testNow.toISOString()}): no call has started yet\n`,
    );
  },
);
