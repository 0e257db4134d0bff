import { hostname } from 'node:os';
import type { Job, PgBoss } from 'pg-boss';
import { openSession } from '../accounts/session.ts';
import type { GlobalOptions } from '../cli/global-options.ts';
import type { ListenAddress } from '../cli/options.ts';
import { registerAccountStateMetrics } from '../operations/account-state-metrics.ts';
import { type OperationsServer, startOperationsServer } from '../operations/operations-server.ts';
import { createProcessRegistry } from '../operations/process-registry.ts';
import type { ReadinessCheck } from '../operations/readiness.ts';
import { storeReadiness } from '../operations/store-readiness.ts';
import { SyncMetrics } from '../operations/sync-metrics.ts';
import { WorkerMetrics } from '../operations/worker-metrics.ts';
import { PostgresCallStore } from '../store/postgres/postgres-call-store.ts';
import type { CliIo } from '../support/cli-io.ts';
import { line } from '../support/cli-io.ts';
import { describeError } from '../support/describe-error.ts';
import { createEnvironmentReader } from '../support/environment-reader.ts';
import { exitCodes } from '../support/exit-codes.ts';
import { isLoopback } from '../support/is-loopback.ts';
import { listenFailure } from '../support/listen-failure.ts';
import { errorFields, type Logger, type LogLevel, loggerOf } from '../support/logger.ts';
import { untilStopped } from '../support/until-stopped.ts';
import { UsageError } from '../support/usage-error.ts';
import {
  defaultJobQueueOptions,
  enqueueSync,
  openJobQueue,
  type SyncJobData,
  syncQueue,
  type TickJobData,
  tickQueue,
} from '../worker/job-queue.ts';
import { runSyncJob, type SyncJobOutcome } from '../worker/run-sync-job.ts';
import { claimDatabaseFor } from './claim-database.ts';
import { databaseLocation, withSession } from './command-context.ts';
import type { WorkerOptions } from './worker-flags.ts';

/** The job queue lives beside the calls: a worker needs the store to be PostgreSQL. */
export function postgresLocation(io: CliIo, options: GlobalOptions, command: string): string {
  const location = databaseLocation(io, options);
  if (!/^postgres(ql)?:\/\//.test(location))
    throw new UsageError(
      `\`cdr ${command}\` needs PostgreSQL (the job queue lives in it): give --db postgres://… or set DATABASE_URL; ${location} is a SQLite file`,
    );
  return location;
}

/** The worker's side server, with a one-line error for an address it cannot listen on. */
async function listenForOperations(
  log: Logger,
  address: ListenAddress,
  endpoints: Parameters<typeof startOperationsServer>[0],
): Promise<OperationsServer> {
  let server: OperationsServer;
  try {
    server = await startOperationsServer(endpoints, address);
  } catch (error) {
    throw listenFailure(
      error,
      address,
      'another worker on this machine? give each its own --listen port',
    );
  }
  // Named on purpose (a port alone binds loopback): a Prometheus on another machine scrapes it.
  if (!isLoopback(new URL(server.url).hostname)) {
    const warning = `--listen ${address.host}: /metrics and /readyz are reachable from the network, over plain HTTP with no login (they show account names and counts, never a secret or a call)`;
    log.warn(warning, {}, `warning: ${warning}`);
  }
  return server;
}

/**
 * `cdr worker`: takes account syncs from the job queue until SIGTERM or SIGINT, a few at
 * once. Any number of workers on any number of machines share one database; the queue
 * runs one job per account at a time. Standard output carries one line (or, with --json,
 * one JSON object) per job event.
 */
export async function runWorker(io: CliIo, options: WorkerOptions): Promise<number> {
  const url = postgresLocation(io, options, 'worker');
  const worker = `${hostname()}:${process.pid}`;
  const log = loggerOf(io, options);
  // A job event is the worker's output (standard output). With --json each is an object
  // with its level, the job's duration and the error's code beside its description.
  const report = (
    event: string,
    account: string,
    details: Record<string, unknown> = {},
    context: { level?: LogLevel; durationMs?: number; error?: unknown } = {},
  ) => {
    const at = io.now().toISOString();
    const { level = 'info', durationMs, error } = context;
    const shown = {
      ...details,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(error !== undefined ? { error: describeError(error) } : {}),
    };
    if (options.json) {
      const code = error === undefined ? undefined : errorFields(error).errorCode;
      line(
        io.stdout,
        JSON.stringify({
          at,
          level,
          worker,
          event,
          account,
          ...shown,
          ...(code !== undefined ? { errorCode: code } : {}),
        }),
      );
    } else
      line(
        io.stdout,
        `${at}  ${account}  ${event}${
          Object.keys(shown).length > 0
            ? `  ${Object.entries(shown)
                .map(([key, value]) => `${key}=${value}`)
                .join(' ')}`
            : ''
        }`,
      );
  };
  const store = await PostgresCallStore.open(url, {
    connections: options.parallel + 2,
    now: () => io.now().getTime(),
  });
  const registry = createProcessRegistry();
  const syncMetrics = new SyncMetrics(registry);
  const jobMetrics = new WorkerMetrics(registry);
  registerAccountStateMetrics(registry, {
    store,
    now: io.now,
    onError: (error) => log.error(`metrics: ${describeError(error)}`, errorFields(error)),
  });
  const onTransportEvent = syncMetrics.observeTransportEvent.bind(syncMetrics);
  let operations: OperationsServer | undefined;
  try {
    const sessionOptions = { ...options, announce: !options.quiet, onTransportEvent };
    return await withSession(io, sessionOptions, async (session) => {
      await claimDatabaseFor(store, session, options);
      const queueOptions = {
        ...defaultJobQueueOptions,
        heartbeatSeconds: Math.max(10, Math.round(options.heartbeat / 1000)),
        retryDelaySeconds: Math.max(1, Math.round(options.retryDelay / 1000)),
      };
      let queue: PgBoss | undefined;
      if (options.listen) {
        const queueReadiness: ReadinessCheck = {
          name: 'queue',
          async check() {
            if (!queue) throw new Error('the job queue is not open yet');
            if (!(await queue.getQueue(syncQueue)))
              throw new Error(`the job queue ${syncQueue} is missing (its schema was dropped?)`);
          },
        };
        operations = await listenForOperations(log, options.listen, {
          registry,
          readiness: [storeReadiness(store), queueReadiness],
        });
        // Before the queue opens: a probe is answered (unready) while it does.
        log.info(`Health and metrics at ${operations.url} (healthz, readyz, metrics)`, {
          url: operations.url,
        });
      }
      const boss = await openJobQueue(url, queueOptions, (error) =>
        log.error(`queue: ${describeError(error)}`, errorFields(error)),
      );
      queue = boss;
      // Stops the running syncs at the next slice boundary when the worker is told to stop:
      // their committed slices stay, and their jobs go back to the queue.
      const shutdown = new AbortController();
      const stopping = io.signal ?? new AbortController().signal;
      stopping.addEventListener('abort', () => shutdown.abort(), { once: true });
      // Configured accounts are read again for each job (environment, .env, accounts file,
      // secret files): fixed credentials are used without a restart. The simulators, when
      // no account is configured, are this session's for the worker's life.
      const environment = createEnvironmentReader(io);
      const openAccounts =
        session.mode === 'configured'
          ? async () => {
              const { providerDescriptors } = await import('../accounts/provider-registry.ts');
              const fresh = await openSession({ ...io, env: environment() }, providerDescriptors, {
                accountsFile: options.accounts,
                requestTimeoutMs: options.requestTimeout,
                retries: options.retries,
                announce: false,
                onTransportEvent,
                // The worker's own logger (not one per job's environment): -v and its redaction.
                logger: log,
              });
              if (fresh.mode === 'configured') return fresh;
              // Never the simulators' calls in a database of real ones.
              await fresh.close();
              throw new UsageError(
                'no account is configured any more (the environment, .env and the accounts file name none)',
              );
            }
          : async () => ({ accounts: session.accounts, close: async () => undefined });
      const context = {
        store,
        openAccounts,
        window: {
          lookbackMs: options.lookback,
          initialMs: options.initial,
          sliceMs: options.slice,
          now: io.now,
        },
      };
      // The jobs this worker is running: on shutdown they end (at their next slice) and give
      // their job back before the queue is stopped.
      const inFlight = new Set<Promise<void>>();
      const finish = async (
        job: Job<SyncJobData>,
        outcome: SyncJobOutcome,
        durationSeconds: number,
      ) => {
        const account = job.data.account;
        jobMetrics.ended(account, outcome.kind);
        if (outcome.kind === 'synced' || outcome.kind === 'failed')
          syncMetrics.observeSync(
            { name: account, provider: outcome.provider },
            outcome.result,
            durationSeconds,
          );
        switch (outcome.kind) {
          case 'synced': {
            const { listed, inserted, updated, unchanged, durationMs } = outcome.result;
            report('synced', account, { listed, inserted, updated, unchanged }, { durationMs });
            // The per-day figures of the days it wrote, so that `serve` finds them ready. A
            // failure here loses nothing (the days stay dirty for the next refresh).
            if (inserted + updated > 0)
              await store
                .refreshFigures()
                .catch((error: unknown) => report('error', account, {}, { level: 'error', error }));
            return;
          }
          case 'failed':
            report(
              'failed',
              account,
              { retry: job.retryCount + 1 },
              { level: 'error', durationMs: outcome.result.durationMs, error: outcome.error },
            );
            // Thrown: the queue retries it with backoff, up to its limit.
            throw outcome.error;
          case 'parked':
            report('parked', account, {}, { level: 'warn', error: outcome.error });
            return;
          case 'interrupted':
            // Given back: queued again for the next worker (this one is stopping).
            await enqueueSync(boss, account);
            report('given-back', account);
            return;
          case 'busy':
            report('busy', account);
            return;
          case 'skipped':
            report('skipped', account, { reason: outcome.reason });
            return;
        }
      };
      await boss.work<SyncJobData>(
        syncQueue,
        { batchSize: 1, localConcurrency: options.parallel, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return;
          report('started', job.data.account, { attempt: job.retryCount + 1 });
          jobMetrics.started(job.data.account, job.retryCount + 1);
          const signal = AbortSignal.any([job.signal, shutdown.signal]);
          // A duration, not a time of day: the monotonic clock, whatever CDR_NOW says.
          const startedAt = performance.now();
          const running = runSyncJob(context, job.data.account, signal).then(
            (outcome) => finish(job, outcome, (performance.now() - startedAt) / 1000),
            (error: unknown) => {
              // The store failed (not the provider): the job is retried, and the operator told.
              jobMetrics.ended(job.data.account, 'error');
              report('error', job.data.account, {}, { level: 'error', error });
              throw error;
            },
          );
          inFlight.add(running);
          try {
            await running;
          } finally {
            inFlight.delete(running);
          }
        },
      );
      await boss.work<TickJobData>(tickQueue, { pollingIntervalSeconds: 5 }, async ([job]) => {
        if (!job) return;
        const states = new Map(
          (await store.accountStates()).map((state) => [state.account, state]),
        );
        const now = io.now().getTime();
        for (const account of session.accounts) {
          const state = states.get(account.name);
          if (state?.parkedAt) continue;
          const due =
            !state?.lastAttemptAt || now - state.lastAttemptAt.getTime() >= job.data.everyMs;
          if (due && (await enqueueSync(boss, account.name))) report('queued', account.name);
        }
      });
      if (!options.quiet)
        log.info(
          `Worker ${worker}: ${session.accounts.length} accounts, ${options.parallel} syncs at once, on ${store.location}. Ctrl-C or SIGTERM to stop.`,
          { worker, accounts: session.accounts.length, concurrency: options.parallel },
        );
      await untilStopped(io.signal);
      if (!options.quiet)
        log.info('Stopping: running syncs end at their next slice and go back to the queue.', {
          worker,
        });
      await boss.offWork(syncQueue);
      await boss.offWork(tickQueue);
      await Promise.allSettled([...inFlight]);
      await boss.stop({ graceful: true, timeout: 30_000 });
      return exitCodes.ok;
    });
  } finally {
    await operations?.close();
    await store.close();
  }
}
