import { hostname } from 'node:os';
import type { Job } from 'pg-boss';
import { openSession } from '../accounts/session.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { line } from '../cli/cli-io.ts';
import { describeError } from '../cli/describe-error.ts';
import { createEnvironmentReader } from '../cli/environment-reader.ts';
import { exitCodes } from '../cli/exit-codes.ts';
import type { GlobalOptions } from '../cli/program.ts';
import { UsageError } from '../cli/usage-error.ts';
import { PostgresCallStore } from '../store/postgres/postgres-call-store.ts';
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

export interface WorkerCommandOptions extends GlobalOptions {
  concurrency: number;
  lookback: number;
  initial: number;
  slice: number;
  heartbeat: number;
  retryDelay: number;
  json?: boolean | undefined;
}

/** The job queue lives beside the calls: a worker needs the store to be PostgreSQL. */
export function postgresLocation(io: CliIo, options: GlobalOptions, command: string): string {
  const location = databaseLocation(io, options);
  if (!/^postgres(ql)?:\/\//.test(location))
    throw new UsageError(
      `\`cdr ${command}\` needs PostgreSQL (the job queue lives in it): give --db postgres://… or set DATABASE_URL; ${location} is a SQLite file`,
    );
  return location;
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `cdr worker`: takes account syncs from the job queue until SIGTERM or SIGINT, a few at
 * once. Any number of workers on any number of machines share one database; the queue
 * runs one job per account at a time. Standard output carries one line (or, with --json,
 * one JSON object) per job event.
 */
export async function runWorker(io: CliIo, options: WorkerCommandOptions): Promise<number> {
  const url = postgresLocation(io, options, 'worker');
  const worker = `${hostname()}:${process.pid}`;
  const report = (event: string, account: string, details: Record<string, unknown> = {}) => {
    const at = io.now().toISOString();
    if (options.json) line(io.stdout, JSON.stringify({ at, worker, event, account, ...details }));
    else
      line(
        io.stdout,
        `${at}  ${account}  ${event}${
          Object.keys(details).length > 0
            ? `  ${Object.entries(details)
                .map(([key, value]) => `${key}=${value}`)
                .join(' ')}`
            : ''
        }`,
      );
  };
  const store = await PostgresCallStore.open(url, { connections: options.concurrency + 2 });
  try {
    return await withSession(io, { ...options, announce: !options.quiet }, async (session) => {
      await claimDatabaseFor(store, session, options);
      const queueOptions = {
        ...defaultJobQueueOptions,
        heartbeatSeconds: Math.max(10, Math.round(options.heartbeat / 1000)),
        retryDelaySeconds: Math.max(1, Math.round(options.retryDelay / 1000)),
      };
      const boss = await openJobQueue(url, queueOptions, (error) =>
        line(io.stderr, `queue: ${describeError(error)}`),
      );
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
      const finish = async (job: Job<SyncJobData>, outcome: SyncJobOutcome) => {
        const account = job.data.account;
        switch (outcome.kind) {
          case 'synced': {
            const { listed, inserted, updated, unchanged } = outcome.result;
            report('synced', account, { listed, inserted, updated, unchanged });
            // The per-day figures of the days it wrote, so that `serve` finds them ready. A
            // failure here loses nothing (the days stay dirty for the next refresh).
            if (inserted + updated > 0)
              await store
                .refreshFigures()
                .catch((error: unknown) =>
                  report('error', account, { error: describeError(error) }),
                );
            return;
          }
          case 'failed':
            report('failed', account, {
              error: describeError(outcome.error),
              retry: job.retryCount + 1,
            });
            // Thrown: the queue retries it with backoff, up to its limit.
            throw outcome.error;
          case 'parked':
            report('parked', account, { error: describeError(outcome.error) });
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
        { batchSize: 1, localConcurrency: options.concurrency, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return;
          report('started', job.data.account, { attempt: job.retryCount + 1 });
          const signal = AbortSignal.any([job.signal, shutdown.signal]);
          const running = runSyncJob(context, job.data.account, signal).then(
            (outcome) => finish(job, outcome),
            (error: unknown) => {
              // The store failed (not the provider): the job is retried, and the operator told.
              report('error', job.data.account, { error: describeError(error) });
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
        line(
          io.stderr,
          `Worker ${worker}: ${session.accounts.length} accounts, ${options.concurrency} syncs at once, on ${store.location}. Ctrl-C or SIGTERM to stop.`,
        );
      await untilAborted(io.signal);
      if (!options.quiet)
        line(
          io.stderr,
          'Stopping: running syncs end at their next slice and go back to the queue.',
        );
      await boss.offWork(syncQueue);
      await boss.offWork(tickQueue);
      await Promise.allSettled([...inFlight]);
      await boss.stop({ graceful: true, timeout: 30_000 });
      return exitCodes.ok;
    });
  } finally {
    await store.close();
  }
}
