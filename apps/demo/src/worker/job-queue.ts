// The job queue the workers share: pg-boss, in its own schema of the PostgreSQL database
// the calls are stored in. Chosen over graphile-worker for what this tool needs out of the
// box: a `stately` queue policy with a singleton key (one job per account queued and one
// running, across every worker), retries with exponential backoff, job heartbeats (a
// killed worker's job returns to the queue in seconds, not after a fixed lock timeout of
// hours) and distributed cron schedules. It runs on `pg`, the driver the store uses.
import { PgBoss } from 'pg-boss';

/** The queue of account syncs: one job per account; its singleton key is the account. */
export const syncQueue = 'cdr-sync';
/** The scheduler's tick: a cron job that enqueues the accounts that are due. */
export const tickQueue = 'cdr-tick';
const schema = 'cdr_queue';

export interface SyncJobData {
  account: string;
}

export interface TickJobData {
  /** How often each account is synced. */
  everyMs: number;
}

export interface JobQueueOptions {
  /**
   * How often a running job says it is alive. A worker that stops saying so (killed, its
   * machine gone) has its job failed and retried by another after about this long.
   */
  heartbeatSeconds: number;
  /** How long one sync may run before it is given up and retried. */
  expireSeconds: number;
  /** Retries after a failed sync, with exponential backoff from `retryDelaySeconds`. */
  retryLimit: number;
  retryDelaySeconds: number;
}

export const defaultJobQueueOptions: JobQueueOptions = {
  heartbeatSeconds: 30,
  expireSeconds: 3600,
  retryLimit: 5,
  retryDelaySeconds: 30,
};

/**
 * Opens the queue on `url`: installs or upgrades pg-boss's schema and creates the queues.
 * A worker passes its settings, which the sync queue then takes (the last worker started
 * wins); `schedule` passes none and leaves them as they are.
 */
export async function openJobQueue(
  url: string,
  workerSettings: JobQueueOptions | undefined,
  onError: (error: Error) => void,
): Promise<PgBoss> {
  const options = workerSettings ?? defaultJobQueueOptions;
  // The monitors that find a missed heartbeat run at a third of it, so a dead worker's job
  // is retried within about 1.3 heartbeats.
  const monitorSeconds = Math.max(1, Math.floor(options.heartbeatSeconds / 3));
  const boss = new PgBoss({
    connectionString: url,
    schema,
    application_name: 'cdr-worker',
    monitorIntervalSeconds: monitorSeconds,
    superviseIntervalSeconds: monitorSeconds,
    cronWorkerIntervalSeconds: 5,
  });
  boss.on('error', onError);
  await boss.start();
  const settings = {
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: options.expireSeconds,
    heartbeatSeconds: options.heartbeatSeconds,
  };
  // Stately: one job per account queued and one running, whatever the number of workers.
  await boss.createQueue(syncQueue, { policy: 'stately', ...settings });
  if (workerSettings) await boss.updateQueue(syncQueue, settings);
  await boss.createQueue(tickQueue, { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 });
  return boss;
}

/** Enqueues a sync of `account` unless one is already queued (the queue's policy says so). */
export async function enqueueSync(boss: PgBoss, account: string): Promise<boolean> {
  const id = await boss.send(syncQueue, { account } satisfies SyncJobData, {
    singletonKey: account,
  });
  return id !== null;
}
