// The operations endpoints of the three services, end to end: a worker (PostgreSQL job
// queue), a receiver and `serve` on one database, a real sync of the simulators' accounts
// and a real push. Every /metrics passes `promtool check metrics`; the counters and the lag
// move with the sync and the clock; /readyz goes unready while the database refuses
// connections, and ready again when it takes them.
import { renameSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { promtoolCheck, sampleSum, samples } from '../testing/metrics-text.ts';
import { createTestDatabase } from '../testing/postgres-test-server.ts';
import {
  cli,
  type RunningCli,
  startCli,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
} from '../testing/test-support.ts';

const adminUrl = inject('postgresAdminUrl');
let world: TestWorld;
let database: { url: string; drop(): Promise<void> };
const running: RunningCli[] = [];

beforeAll(async () => {
  world = await startTestWorld({ telecmi: { calls: 120 }, ozonetel: { calls: 20 } });
  database = await createTestDatabase(adminUrl);
}, 60_000);
afterAll(async () => {
  await Promise.allSettled(running.map((service) => service.stop()));
  await world?.stop();
  await database?.drop();
}, 60_000);

const now = () => world.clock.now();
/**
 * The worker's accounts: TeleCMI's four. Ozonetel's reports budget is counted on the
 * injected clock, which stands still here (so that the lag is exact): its second sync
 * would wait for a budget that never comes back. The receiver takes Ozonetel's pushes.
 */
const syncedEnvironment = () =>
  Object.fromEntries(Object.entries(world.env).filter(([name]) => name.startsWith('TELECMI_')));

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** Scrapes `/metrics`, checks it with promtool, and returns the text. */
async function scrape(base: string): Promise<string> {
  const response = await fetch(new URL('metrics', base));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  promtoolCheck(text);
  return text;
}

/**
 * Asks again every 50 ms until `condition` holds. Bounded by attempts, not by the clock (a
 * loaded machine is slow): after about two minutes it fails, saying what it waited for.
 */
async function eventually(
  condition: () => Promise<boolean>,
  waitingFor: () => string,
): Promise<void> {
  for (let attempt = 0; !(await condition()); attempt++) {
    if (attempt > 2400) throw new Error(`still waiting for ${waitingFor()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const jobLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('cdr_worker_jobs'))
    .join('; ');

function start(args: string[], env: Record<string, string>): RunningCli {
  const service = startCli(args, env, { now });
  running.push(service);
  return service;
}

/** Makes the test database refuse connections (and drops those open), or take them again. */
async function databaseAccepts(accepts: boolean): Promise<void> {
  const name = new URL(database.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${accepts}`);
    if (!accepts)
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
  } finally {
    await admin.end();
  }
}

test('worker, receiver and serve: promtool-valid metrics that move with a sync and a push; ready, unready while the database is away, ready again', {
  timeout: 240_000,
}, async () => {
  const db = ['--db', database.url];
  const worker = start(
    [
      ...db,
      'worker',
      '--json',
      '--listen',
      '127.0.0.1:0',
      '--initial',
      '2d',
      '--retry-delay',
      '1s',
      '--heartbeat',
      '10s',
    ],
    syncedEnvironment(),
  );
  const [, workerUrl] = await worker.printed(/Health and metrics at (http:\/\/\S+)/);
  // Unready until its job queue is open; ready once it says it works.
  await worker.printed(/^Worker \S+: /m);
  const receiver = start([...db, 'receive', '--port', '0'], world.env);
  const [pushUrl] = await receiver.printed(/http:\/\/\S+\/ozonetel\S*/);
  const receiverUrl = new URL('/', pushUrl!).toString();
  const serve = start([...db, 'serve', '--port', '0'], {});
  const [, serveUrl] = await serve.printed(/ at (http:\/\/\S+)/);
  const services = { worker: workerUrl!, receiver: receiverUrl, serve: serveUrl! };

  for (const [name, url] of Object.entries(services)) {
    expect((await get(new URL('healthz', url).toString())).status, name).toBe(200);
    const ready = await get(new URL('readyz', url).toString());
    expect(ready.status, `${name}: ${ready.text}`).toBe(200);
    expect(JSON.parse(ready.text).status).toBe('ready');
    await scrape(url);
  }
  expect(JSON.parse((await get(`${services.worker}readyz`)).text).checks).toEqual({
    database: 'ok',
    queue: 'ok',
  });
  const before = await scrape(services.worker);
  expect(sampleSum(before, 'cdr_sync_calls_listed_total')).toBe(0);

  // A push accepted and one refused (the wrong key), counted by the receiver.
  const [pushed] = world.ozonetel.calls().filter((call) => world.ozonetel.storeOf(call) !== 'none');
  expect(await world.ozonetel.pushCallback(pushUrl!, pushed!.ucid)).toBe(200);
  const forged = await fetch(pushUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      data: JSON.stringify({ Apikey: 'not-the-key', monitorUCID: '1' }),
    }),
  });
  expect(forged.status).toBe(401);
  const received = await scrape(services.receiver);
  expect(
    sampleSum(received, 'cdr_receiver_pushes_accepted_total', {
      account: 'ozonetel',
      result: 'inserted',
    }),
  ).toBe(1);
  expect(
    sampleSum(received, 'cdr_receiver_pushes_refused_total', {
      account: 'ozonetel',
      reason: 'unauthorized',
    }),
  ).toBe(1);
  expect(received).not.toContain(world.env.OZONETEL_API_KEY);

  // A real sync of every account, through the queue.
  const queued = await cli([...db, 'schedule', '--now'], syncedEnvironment(), { now });
  expect(queued.exitCode, queued.stderr).toBe(0);
  const accounts = queued.stdout.match(/ queued$/gm)?.length ?? 0;
  expect(accounts).toBeGreaterThan(1);
  let synced = '';
  await eventually(
    async () => {
      synced = await scrape(services.worker);
      return sampleSum(synced, 'cdr_worker_jobs_total', { outcome: 'synced' }) === accounts;
    },
    () => `${accounts} jobs synced; the worker's jobs: ${jobLines(synced)}`,
  );
  const telecmi = { account: 'telecmi:rest-user', provider: 'telecmi' };
  expect(sampleSum(synced, 'cdr_sync_calls_listed_total', telecmi)).toBeGreaterThan(0);
  expect(
    sampleSum(synced, 'cdr_sync_calls_stored_total', { ...telecmi, result: 'inserted' }),
  ).toBeGreaterThan(0);
  expect(
    sampleSum(synced, 'cdr_provider_requests_total', { ...telecmi, outcome: 'ok' }),
  ).toBeGreaterThan(0);
  expect(sampleSum(synced, 'cdr_provider_request_duration_seconds_count', telecmi)).toBeGreaterThan(
    0,
  );
  expect(sampleSum(synced, 'cdr_sync_duration_seconds_count', { ...telecmi, result: 'ok' })).toBe(
    1,
  );
  expect(sampleSum(synced, 'cdr_worker_jobs_running')).toBe(0);
  // The cursor reached the worker's clock: no lag; the last success is that clock's time.
  expect(samples(synced, 'cdr_sync_lag_seconds', { account: 'telecmi:rest-user' })).toEqual([0]);
  expect(
    samples(synced, 'cdr_sync_last_success_timestamp_seconds', { account: 'telecmi:rest-user' }),
  ).toEqual([now().getTime() / 1000]);
  expect(samples(synced, 'cdr_account_parked', { account: 'telecmi:rest-user' })).toEqual([0]);
  for (const secret of Object.values(world.env).filter((value) => !value.startsWith('http')))
    if (secret.length > 8) expect(synced).not.toContain(secret);

  // An hour later, without a sync: an hour behind, on the worker and on the dashboard's server.
  world.clock.advance(3_600_000);
  for (const url of [services.worker, services.serve])
    expect(
      samples(await scrape(url), 'cdr_sync_lag_seconds', { account: 'telecmi:rest-user' }),
    ).toEqual([3600]);
  // Synced again: caught up, and the listing counted again.
  expect((await cli([...db, 'schedule', '--now'], syncedEnvironment(), { now })).exitCode).toBe(0);
  let again = '';
  await eventually(
    async () => {
      again = await scrape(services.worker);
      return sampleSum(again, 'cdr_worker_jobs_total', { outcome: 'synced' }) === 2 * accounts;
    },
    () => `${2 * accounts} jobs synced; the worker's jobs: ${jobLines(again)}`,
  );
  expect(samples(again, 'cdr_sync_lag_seconds', { account: 'telecmi:rest-user' })).toEqual([0]);
  expect(sampleSum(again, 'cdr_sync_calls_listed_total', telecmi)).toBeGreaterThan(
    sampleSum(synced, 'cdr_sync_calls_listed_total', telecmi),
  );

  // The database refuses connections: every service is unready, saying why, and alive.
  await databaseAccepts(false);
  try {
    for (const [name, url] of Object.entries(services)) {
      const ready = await get(new URL('readyz', url).toString());
      expect(ready.status, name).toBe(503);
      const answer = JSON.parse(ready.text) as { status: string; reason: string };
      expect(answer.status).toBe('unready');
      expect(answer.reason, name).toMatch(/^database: PostgreSQL at \S+: /);
      expect(answer.reason).not.toContain('password');
      expect((await get(new URL('healthz', url).toString())).status, name).toBe(200);
    }
  } finally {
    await databaseAccepts(true);
  }
  for (const url of Object.values(services))
    await eventually(
      async () => (await get(new URL('readyz', url).toString())).status === 200,
      () => `${url} ready again`,
    );
  for (const service of running.splice(0)) expect((await service.stop()).exitCode).toBe(0);
});

test('serve on SQLite: unready while its file is moved away, ready when it is back', async () => {
  const file = temporaryDatabase();
  const simulation = { calls: 5, latencyMs: 0 };
  expect((await cli(['--db', file, '--quiet', 'demo'], {}, { simulation })).exitCode).toBe(0);
  const serve = startCli(['--db', file, 'serve', '--port', '0'], {});
  try {
    const [, url] = await serve.printed(/ at (http:\/\/\S+)/);
    expect((await get(`${url}readyz`)).status).toBe(200);
    renameSync(file, `${file}.away`);
    const away = await get(`${url}readyz`);
    expect(away.status).toBe(503);
    expect(JSON.parse(away.text).reason).toBe(
      `database: ${file} is no longer the file this process opened (moved, removed or replaced): restart it`,
    );
    renameSync(`${file}.away`, file);
    expect((await get(`${url}readyz`)).status).toBe(200);
  } finally {
    await serve.stop();
  }
});
