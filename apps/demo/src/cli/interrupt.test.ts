// Ctrl-C and SIGTERM part-way through a command: the real `cdr` process, sent the signal
// while a sync runs. It says so in one line, exits as shells report the signal (130, 143),
// and keeps what it committed.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { endOf, spawnCdr } from '../testing/cdr-process.ts';
import {
  startTestWorld,
  storedCalls,
  storedCursor,
  type TestWorld,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld;
beforeAll(async () => {
  // Slow enough answers that the sync is still running when the signal comes.
  world = await startTestWorld({ telecmi: { calls: 2000, days: 4, latencyMs: 20 } });
});
afterAll(async () => {
  await world.stop();
});

/** Starts a sync of one account after another, and sends `signal` when the first is stored. */
function syncUntil(database: string, signal: NodeJS.Signals) {
  const child = spawnCdr(
    [
      '--db',
      database,
      'sync',
      '--parallel',
      '1',
      '--slice',
      '1h',
      '--from',
      new Date(testNow.getTime() - 4 * 86_400_000).toISOString(),
      '--to',
      testNow.toISOString(),
    ],
    { env: world.env },
  );
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    // The first account is done: its line is printed after its last slice committed.
    if (printed.includes('\n') && !child.killed) child.kill(signal);
  });
  return endOf(child);
}

test.each([
  { signal: 'SIGINT' as const, code: 130, says: 'interrupted' },
  { signal: 'SIGTERM' as const, code: 143, says: 'terminated' },
])(
  '$signal during a sync: "$says", exit $code, what was committed stays',
  async ({ signal, code, says }) => {
    const database = temporaryDatabase();
    const ended = await syncUntil(database, signal);
    expect(ended.stderr).toBe(`${says}\n`);
    expect(ended.code).toBe(code);
    // The first account finished before the signal: its calls and cursor are stored.
    const first = ended.stdout.split(' ')[0]!;
    expect(first).toMatch(/^\S+:?\S*$/);
    expect((await storedCalls(database)).length).toBeGreaterThan(0);
    expect(await storedCursor(database, first)).toEqual(testNow);
  },
);
