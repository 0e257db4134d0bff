// A sync killed with SIGKILL at any moment and started again ends exact: the child process
// is the real CLI, killed mid-way at several points; the database is read between kills.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, test } from 'vitest';
import { spawnCdr } from '../testing/cdr-process.ts';
import {
  cli,
  startTestWorld,
  type TestWorld,
  telecmiTruth,
  temporaryDatabase,
  testNow,
} from '../testing/test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

function read<T>(database: string, sql: string): T[] {
  try {
    const db = new DatabaseSync(database, { readOnly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  } catch {
    return []; // Not created yet.
  }
}

const storedIds = (database: string) =>
  new Set(
    read<{ id: string }>(database, "SELECT id FROM calls WHERE provider = 'telecmi'").map(
      (row) => row.id,
    ),
  );

/**
 * Starts the CLI as a child and SIGKILLs it once at least `rows` calls are stored. Returns
 * the latest window start the user token's listings had asked the simulator for when the
 * kill was sent: how far the listings ran ahead of the writer.
 */
async function syncAndKill(current: TestWorld, database: string, rows: number): Promise<number> {
  let furthest = Number.NEGATIVE_INFINITY;
  current.telecmi.onRequest = (_number, { body }) => {
    const from = (JSON.parse(body || '{}') as { from?: unknown }).from;
    if (typeof from === 'number') furthest = Math.max(furthest, from);
  };
  const child = spawnCdr(
    ['--db', database, 'sync', '--initial', '4d', '--slice', '1h', '--to', testNow.toISOString()],
    {
      cwd: mkdtempSync(join(tmpdir(), 'cdr-kill-')),
      env: telecmiOnly(current.env),
      stdout: 'ignore',
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  let askedAtKill = furthest;
  for (;;) {
    if (child.exitCode !== null) break;
    if (storedIds(database).size >= rows) {
      askedAtKill = furthest;
      child.kill('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  current.telecmi.onRequest = undefined;
  expect(await exited, `the sync ended before it was killed: ${stderr}`).toBe('SIGKILL');
  return askedAtKill;
}

/** The TeleCMI accounts alone: the kill points below are counted in TeleCMI's rows and requests. */
function telecmiOnly(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('TELECMI_')));
}

test('a sync killed with SIGKILL mid-way and restarted is exact, and never half-writes a batch', async () => {
  world = await startTestWorld({ telecmi: { latencyMs: 10 } });
  const database = temporaryDatabase();
  const truth = new Map(telecmiTruth(world).map((call) => [call.id, call]));
  // Killed early, mid-way and late in a run; each restart resumes from the cursor.
  for (const more of [10, 50, 120]) {
    const askedAtKill = await syncAndKill(world, database, storedIds(database).size + more);
    const stored = storedIds(database);
    // Killed before the end…
    expect(stored.size).toBeLessThan(truth.size);
    for (const id of stored) expect(truth.has(id)).toBe(true);
    // …and whatever the cursor claims is covered is all there: rows and cursor land together.
    const [cursor] = read<{ position: number }>(
      database,
      "SELECT position FROM sync_state WHERE account = 'telecmi:rest-user'",
    );
    expect(cursor).toBeDefined();
    for (const call of world.telecmi.calls('rest-user')) {
      if (call.time < cursor!.position) expect(stored.has(call.id)).toBe(true);
    }
    // Killed while the writer and the next slices' requests overlapped: the listings had
    // asked for slices beyond the one being written (1-hour slices, lookahead 4).
    expect(askedAtKill).toBeGreaterThanOrEqual(cursor!.position + 3_600_000);
  }
  const finish = await cli(['--db', database, 'sync', '--initial', '4d'], telecmiOnly(world.env));
  expect(finish.exitCode).toBe(0);
  const stored = storedIds(database);
  expect(stored).toEqual(new Set(truth.keys()));
  const [{ n }] = read<{ n: number }>(
    database,
    "SELECT count(*) AS n FROM calls WHERE provider = 'telecmi'",
  ) as [{ n: number }];
  expect(n).toBe(truth.size);
});
