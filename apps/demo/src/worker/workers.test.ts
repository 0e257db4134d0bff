// Workers on several machines, as real processes against one PostgreSQL database: every
// account exact, never two syncs of one account at once (recorded from the workers' own
// event streams and asserted), a worker killed with -9 mid-job loses nothing, and SIGTERM
// ends a worker cleanly, its job given back.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, test } from 'vitest';
import { openCallStore } from '../store/open-call-store.ts';
import { spawnCdr } from '../testing/cdr-process.ts';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import { startSimulatedFleet } from '../testing/simulated-fleet.ts';
import { cli, until } from '../testing/test-support.ts';

const adminUrl = inject('postgresAdminUrl');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
}, 60_000);

interface WorkerEvent {
  at: string;
  worker: string;
  event: string;
  account: string;
  [detail: string]: unknown;
}

interface RunningWorker {
  child: ChildProcess;
  events: WorkerEvent[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `count` TeleCMI accounts over simulators (4 credential kinds each), stopped after the tests. */
async function simulatedAccounts(
  count: number,
  options: { latencyMs: number; faultRate: number; calls: number },
) {
  const fleet = await startSimulatedFleet(count, { ...options, now: Date.now() });
  cleanups.push(() => fleet.stop());
  return fleet;
}

function startWorker(
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): RunningWorker {
  // On the machine's clock: a worker polls its queue, and pg-boss schedules by PostgreSQL's.
  const child = spawnCdr(args, { env, ...(cwd ? { cwd } : {}), testClock: false });
  const events: WorkerEvent[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines) if (text.trim()) events.push(JSON.parse(text) as WorkerEvent);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, events, stderr: () => stderr, exited };
}

async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase(adminUrl);
  cleanups.push(() => database.drop());
  return database.url;
}

async function successes(url: string): Promise<Set<string>> {
  const store = await openCallStore(url);
  try {
    return new Set(
      (await store.accountStates())
        .filter((state) => state.lastSuccessAt)
        .map((state) => state.account),
    );
  } finally {
    await store.close();
  }
}

const workerArgs = (url: string, file: string) => [
  '--db',
  url,
  '--accounts',
  file,
  '--retries',
  '8',
  '--request-timeout',
  '2000',
  'worker',
  '--json',
  '--parallel',
  '4',
  '--initial',
  '3d',
  '--heartbeat',
  '10s',
  '--retry-delay',
  '1s',
];

test('three workers, 50 accounts, 10% faults, one killed with -9 mid-job: every account exact, never synced twice at once', {
  timeout: 180_000,
}, async () => {
  const url = await freshDatabase();
  const { accounts, file, env } = await simulatedAccounts(50, {
    latencyMs: 15,
    faultRate: 0.1,
    calls: 60,
  });
  const workers = [0, 1, 2].map(() => startWorker(workerArgs(url, file), env));
  // A job takes its retry settings from the queue when it is queued: schedule once the
  // workers have set theirs (a 1 s delay), as an operator starts workers before a schedule.
  await until(() => workers.every((worker) => worker.stderr().includes('syncs at once')));
  const queued = await cli(['--db', url, '--accounts', file, 'schedule', '--now'], env);
  expect(queued.exitCode).toBe(0);
  expect(queued.stdout.match(/ queued$/gm)).toHaveLength(50);

  // The first worker is killed in the middle of a sync: once it has one under way (not at a
  // fixed delay after its first start, which a loaded machine can find between two jobs).
  const [victim] = workers as [RunningWorker];
  const underWay = () =>
    victim.events
      .filter((event) => event.event === 'started')
      .map((event) => event.account)
      .filter(
        (account) =>
          !victim.events.some(
            (event) =>
              event.event !== 'started' &&
              event.account === account &&
              event.at >=
                victim.events.find((e) => e.event === 'started' && e.account === account)!.at,
          ),
      );
  await until(() => underWay().length > 0);
  const killedAt = new Date();
  victim.child.kill('SIGKILL');
  expect((await victim.exited).signal).toBe('SIGKILL');
  const interrupted = underWay();
  expect(interrupted.length).toBeGreaterThan(0);

  // The others finish every account, the killed worker's job included once its heartbeat lapses.
  // How long the killed job waited: from the kill to its account's next start elsewhere
  // (the README's figure: the heartbeat's lapse, found within a third of it, plus the delay).
  let failoverMs: number | undefined;
  const restarted = () =>
    workers
      .slice(1)
      .some((worker) =>
        worker.events.some(
          (event) =>
            event.event === 'started' &&
            event.account === interrupted[0] &&
            Date.parse(event.at) >= killedAt.getTime(),
        ),
      );
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (failoverMs === undefined && restarted()) failoverMs = Date.now() - killedAt.getTime();
    const done = await successes(url);
    if (done.size === 50) break;
    if (Date.now() > deadline)
      throw new Error(
        `only ${done.size} of 50 accounts synced: ${workers.map((worker) => worker.stderr()).join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const worker of workers.slice(1)) worker.child.kill('SIGTERM');
  for (const worker of workers.slice(1))
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  failoverMs ??= Date.now() - killedAt.getTime();
  console.log(
    `kill -9 to the job's restart elsewhere: ${(failoverMs / 1000).toFixed(1)} s (--heartbeat 10s, --retry-delay 1s)`,
  );
  // 10 s to lapse + 3 s to notice + 1–2 s of delay + 2 s of polling, and room for a loaded
  // machine; the 56–81 s a prober saw came from the default 30 s delay on top.
  expect(failoverMs).toBeLessThan(45_000);

  // Exact: each account's calls are stored, and nothing else.
  const store = await openCallStore(url);
  const stored = new Set<string>();
  for await (const call of store.iterateCalls({})) stored.add(call.id);
  await store.close();
  const truth = new Set<string>();
  for (const { simulator, kind } of accounts) {
    for (const call of simulator.calls(kind)) {
      expect(stored.has(call.id), `${kind} ${call.id}`).toBe(true);
      truth.add(call.id);
    }
  }
  expect(stored.size).toBe(truth.size);

  // Never two syncs of one account at once: each account's runs, from every worker's own
  // events, follow one another (the killed worker's open run ends when it was killed).
  const runs = new Map<string, { worker: string; from: number; to: number }[]>();
  for (const worker of workers) {
    const open = new Map<string, number>();
    for (const event of worker.events) {
      if (event.event === 'started') open.set(event.account, Date.parse(event.at));
      else if (open.has(event.account)) {
        runs.set(event.account, [
          ...(runs.get(event.account) ?? []),
          { worker: event.worker, from: open.get(event.account)!, to: Date.parse(event.at) },
        ]);
        open.delete(event.account);
      }
    }
    for (const [account, from] of open)
      runs.set(account, [
        ...(runs.get(account) ?? []),
        { worker: 'killed', from, to: killedAt.getTime() },
      ]);
  }
  expect(runs.size).toBe(50);
  for (const [account, list] of runs) {
    list.sort((a, b) => a.from - b.from);
    for (let index = 1; index < list.length; index++)
      expect(
        list[index]!.from,
        `${account} run ${index} started before run ${index - 1} ended`,
      ).toBeGreaterThanOrEqual(list[index - 1]!.to);
  }
  const allEvents = workers.flatMap((worker) => worker.events);
  // The store's account lock never had to refuse a second sync.
  expect(allEvents.filter((event) => event.event === 'busy')).toEqual([]);
  // The killed worker's accounts were synced by another worker afterwards.
  for (const account of interrupted)
    expect(
      allEvents.some(
        (event) =>
          event.event === 'synced' &&
          event.account === account &&
          event.worker !== victim.events[0]!.worker,
      ),
    ).toBe(true);
  // Faults happened and were absorbed.
  expect(
    accounts.some(({ simulator }) =>
      [...simulator.faults.produced.values()].some((count) => count > 0),
    ),
  ).toBe(true);
});

test('SIGTERM mid-sync: the worker gives its job back and exits 0; another finishes the account exactly', {
  timeout: 120_000,
}, async () => {
  const url = await freshDatabase();
  const { accounts, file, env } = await simulatedAccounts(1, {
    latencyMs: 150,
    faultRate: 0,
    calls: 300,
  });
  const first = startWorker(workerArgs(url, file), env);
  await cli(['--db', url, '--accounts', file, 'schedule', '--now'], env);
  await until(() => first.events.some((event) => event.event === 'started'));
  await new Promise((resolve) => setTimeout(resolve, 500));
  first.child.kill('SIGTERM');
  expect(await first.exited).toEqual({ code: 0, signal: null });
  expect(first.events.map((event) => event.event)).toEqual(['started', 'given-back']);
  expect(first.stderr()).toContain('Stopping: running syncs end at their next slice');

  const second = startWorker(workerArgs(url, file), env);
  await until(() => second.events.some((event) => event.event === 'synced'));
  second.child.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
  const store = await openCallStore(url);
  const stored: string[] = [];
  for await (const call of store.iterateCalls({})) stored.push(call.id);
  await store.close();
  const [{ simulator, kind }] = accounts as [(typeof accounts)[0]];
  expect(stored.sort()).toEqual(
    simulator
      .calls(kind)
      .map((call) => call.id)
      .sort(),
  );
});

test('refused credentials park the account instead of retrying it; status shows it; unpark lets it run again', {
  timeout: 120_000,
}, async () => {
  const url = await freshDatabase();
  const { accounts, file, env } = await simulatedAccounts(2, {
    latencyMs: 0,
    faultRate: 0,
    calls: 20,
  });
  const wrong = { ...env, SECRET_0_TOKEN: 'not-the-token' };
  const worker = startWorker(workerArgs(url, file), wrong);
  await cli(['--db', url, '--accounts', file, 'schedule', '--now'], wrong);
  await until(
    () => worker.events.filter((event) => ['synced', 'parked'].includes(event.event)).length === 2,
  );
  expect(
    worker.events.filter((event) => event.event === 'parked').map((event) => event.account),
  ).toEqual([accounts[0]!.name]);
  // Not retried: one start for the parked account.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(
    worker.events.filter(
      (event) => event.event === 'started' && event.account === accounts[0]!.name,
    ),
  ).toHaveLength(1);
  const status = await cli(['--db', url, '--accounts', file, 'status'], wrong);
  expect(status.stdout).toMatch(
    new RegExp(`^${accounts[0]!.name} .*PARKED \\(cdr state unpark\\): authentication: `, 'm'),
  );
  // Queued again while parked: skipped, not synced.
  await cli(
    ['--db', url, '--accounts', file, 'schedule', '--now', '--provider', accounts[0]!.name],
    wrong,
  );
  await until(() => worker.events.some((event) => event.event === 'skipped'));
  expect((await cli(['--db', url, 'state', 'unpark', accounts[0]!.name], {})).exitCode).toBe(0);
  worker.child.kill('SIGTERM');
  await worker.exited;
  const fixed = startWorker(workerArgs(url, file), env);
  await cli(
    ['--db', url, '--accounts', file, 'schedule', '--now', '--provider', accounts[0]!.name],
    env,
  );
  await until(() => fixed.events.some((event) => event.event === 'synced'));
  fixed.child.kill('SIGTERM');
  await fixed.exited;
});

test('a running worker reads the configuration again for each job: credentials fixed in .env are used after unpark, without a restart', {
  timeout: 120_000,
}, async () => {
  const url = await freshDatabase();
  const { accounts, file, env } = await simulatedAccounts(1, {
    latencyMs: 0,
    faultRate: 0,
    calls: 20,
  });
  const account = accounts[0]!.name;
  // The token comes from the .env where the worker runs, and it is wrong.
  const here = mkdtempSync(join(tmpdir(), 'cdr-worker-'));
  const { SECRET_0_TOKEN: token, ...rest } = env;
  writeFileSync(join(here, '.env'), 'SECRET_0_TOKEN=not-the-token\n');
  const worker = startWorker(workerArgs(url, file), rest, here);
  // Queued from elsewhere: the queue names the account, the worker brings the credentials.
  await cli(['--db', url, '--accounts', file, 'schedule', '--now'], {
    ...rest,
    SECRET_0_TOKEN: 'x',
  });
  await until(() => worker.events.some((event) => event.event === 'parked'));

  writeFileSync(join(here, '.env'), `SECRET_0_TOKEN=${token}\n`);
  const unpark = await cli(['--db', url, 'state', 'unpark', account], {});
  expect(unpark.exitCode).toBe(0);
  expect(unpark.stderr).toMatch(
    /Running workers read the accounts file, the secret files it names and \.env again before each sync/,
  );
  await cli(['--db', url, '--accounts', file, 'schedule', '--now'], {
    ...rest,
    SECRET_0_TOKEN: 'x',
  });
  await until(() => worker.events.some((event) => event.event === 'synced'));
  expect(worker.events.map((event) => event.event)).toEqual([
    'started',
    'parked',
    'started',
    'synced',
  ]);
  // Each event with its level; a parked account with the refusal's code, a sync with its duration.
  const [, parked, , synced] = worker.events;
  expect(parked).toMatchObject({ level: 'warn', errorCode: 'authentication' });
  expect(synced).toMatchObject({ level: 'info', durationMs: expect.any(Number) });
  worker.child.kill('SIGTERM');
  expect((await worker.exited).code).toBe(0);
});

test('worker and schedule need PostgreSQL, and say so', async () => {
  const run = await cli(['--db', 'calls.sqlite', 'worker'], {});
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toMatch(
    /^error: `cdr worker` needs PostgreSQL \(the job queue lives in it\): give --db postgres:\/\/… or set DATABASE_URL; .*calls\.sqlite is a SQLite file\n$/,
  );
  const schedule = await cli(['--db', await freshDatabase(), 'schedule', '--every', '30s'], {});
  expect(schedule.stderr).toBe(
    'error: --every must be a minute or more (the schedule ticks once a minute)\n',
  );
});
