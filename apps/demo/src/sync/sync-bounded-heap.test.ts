// The README's "Memory" section offers a deployment V8 flags that bound the sync's heap.
// This runs the real `cdr sync` under exactly those flags, the five test accounts four at a
// time (the default `--parallel`), and checks that the flags are Node's and that the sync
// completes exact within them: a misspelt flag stops Node before the sync, a ceiling below
// what the sync keeps alive ends it with an out-of-memory error.
import { readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { runCdr } from '../testing/cdr-process.ts';
import {
  startTestWorld,
  storedCalls,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
} from '../testing/test-support.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The value the README's Memory section gives `NODE_OPTIONS`, as a reader would copy it. */
function readmeNodeOptions(): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Memory\n'));
  const value = section && /NODE_OPTIONS='([^']+)' cdr sync/.exec(section)?.[1];
  if (!value) throw new Error('README.md: no "NODE_OPTIONS=\'…\' cdr sync" line under ## Memory');
  return value;
}

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test("the README's bounded-heap NODE_OPTIONS are Node's flags, and a default sync completes exact under them", async () => {
  const nodeOptions = readmeNodeOptions();
  expect(nodeOptions).toMatch(/--max-semi-space-size=\d+/);
  expect(nodeOptions).toMatch(/--max-old-space-size=\d+/);
  world = await startTestWorld({ telecmi: { calls: 20_000, days: 3 } });
  const database = temporaryDatabase();
  const run = await runCdr(['--db', database, 'sync', '--initial', '4d'], {
    env: { ...world.env, NODE_OPTIONS: nodeOptions },
    stdout: 'ignore',
  });
  expect(run.stderr).not.toMatch(/heap out of memory|bad option/i);
  expect(run.code).toBe(0);
  const stored = await storedCalls(database, { providers: ['telecmi'] });
  expect(new Set(stored.map((call) => call.id))).toEqual(
    new Set(telecmiTruth(world).map((call) => call.id)),
  );
});
