import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  startTestWorld,
  storedCursor,
  type TestWorld,
  temporaryDatabase,
} from '../testing/test-support.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 50 } });
});
afterAll(() => world.stop());

async function synced(): Promise<string> {
  const database = temporaryDatabase();
  expect(
    (
      await cli(
        ['--db', database, 'sync', '--provider', 'telecmi:rest-user', '--initial', '1d'],
        world.env,
      )
    ).exitCode,
  ).toBe(0);
  return database;
}

/** A terminal that answers the question with `answer`. */
function terminal(answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdin.end(`${answer}\n`);
  return stdin;
}

test('state reset --to moves the cursor back after a yes; anything else leaves it', async () => {
  const database = await synced();
  const before = await storedCursor(database, 'telecmi:rest-user');
  const declined = await cli(
    ['--db', database, 'state', 'reset', 'telecmi:rest-user', '--to', '2026-11-20'],
    {},
    { stdin: terminal('n') },
  );
  expect(declined.exitCode).toBe(0);
  expect(declined.stderr).toMatch(
    /Move telecmi:rest-user's cursor from 2026-11-24 \d\d:\d\d:\d\d IST to 2026-11-20 00:00:00 IST\? \[y\/N\] Left as it was\.\n$/,
  );
  expect(await storedCursor(database, 'telecmi:rest-user')).toEqual(before);

  const agreed = await cli(
    ['--db', database, 'state', 'reset', 'telecmi:rest-user', '--to', '2026-11-20'],
    {},
    { stdin: terminal('yes') },
  );
  expect(agreed.exitCode).toBe(0);
  expect(await storedCursor(database, 'telecmi:rest-user')).toEqual(
    new Date('2026-11-20T00:00:00+05:30'),
  );
  // The next sync lists from there again.
  const rerun = await cli(
    ['--db', database, 'sync', '--provider', 'telecmi:rest-user', '--lookback', '0s'],
    world.env,
  );
  expect(rerun.stdout).toMatch(/^telecmi:rest-user {2}2026-11-20 00:00 → /m);
});

test('without a terminal it needs --yes; with it, clearing the cursor restarts from --initial', async () => {
  const database = await synced();
  const piped = await cli(['--db', database, 'state', 'reset', 'telecmi:rest-user'], {});
  expect(piped.exitCode).toBe(1);
  expect(piped.stderr).toMatch(/: add --yes to confirm \(standard input is not a terminal\)\n$/);
  const yes = await cli(['--db', database, 'state', 'reset', 'telecmi:rest-user', '--yes'], {});
  expect(yes.exitCode).toBe(0);
  expect(await storedCursor(database, 'telecmi:rest-user')).toBeUndefined();
});

test('an account the database does not know: one line saying which it knows', async () => {
  const database = await synced();
  const run = await cli(['--db', database, 'state', 'reset', 'telecmi:nope', '--yes'], {});
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toBe(
    `error: no account "telecmi:nope" in ${database}; it has: telecmi:rest-user\n`,
  );
});

test('state reset --to answers in the zone it was typed in, and refuses a time after now', async () => {
  const database = await synced();
  const utc = await cli(
    [
      '--db',
      database,
      'state',
      'reset',
      'telecmi:rest-user',
      '--to',
      '2026-11-20T04:00:00Z',
      '--yes',
    ],
    {},
  );
  expect(utc.exitCode).toBe(0);
  expect(utc.stderr).toBe(
    'telecmi:rest-user: cursor at 2026-11-20 04:00:00 UTC; the next sync lists from there.\n',
  );
  const before = await storedCursor(database, 'telecmi:rest-user');
  // testNow is 2026-11-24 12:00 IST.
  for (const [to, says] of [
    ['2026-11-25', '--to 2026-11-25 00:00:00 IST is in the future (now 2026-11-24 12:00:00 IST)'],
    [
      '2026-11-24T07:00:00Z',
      '--to 2026-11-24 07:00:00 UTC is in the future (now 2026-11-24 06:30:00 UTC)',
    ],
    // An hour ago is not after now: moved.
    ['1h', undefined],
  ] as const) {
    const run = await cli(
      ['--db', database, 'state', 'reset', 'telecmi:rest-user', '--to', to, '--yes'],
      {},
    );
    if (says === undefined) {
      expect(run.exitCode, to).toBe(0);
      continue;
    }
    expect(run.exitCode, to).toBe(1);
    expect(run.stderr, to).toBe(
      `error: ${says}: a cursor there would skip the calls made until then\n`,
    );
    expect(await storedCursor(database, 'telecmi:rest-user')).toEqual(before);
  }
});
