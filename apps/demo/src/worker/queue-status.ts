import { PgBoss } from 'pg-boss';
import { type SyncJobData, syncQueue, type TickJobData, tickQueue } from './job-queue.ts';

export interface QueuedSync {
  state: 'queued' | 'retrying' | 'running';
  /** When a queued or retrying job may start. */
  startAfter: Date;
}

export interface QueueStatus {
  /** Each account's pending or running sync, if it has one. */
  jobs: Map<string, QueuedSync>;
  /** The schedule's interval, when `cdr schedule --every` set one. */
  everyMs: number | undefined;
}

/**
 * What the job queue holds for `status`, read without starting a worker (no supervision,
 * no cron, no migration); `undefined` when the database has no queue (no worker ever ran).
 */
export async function readQueueStatus(url: string): Promise<QueueStatus | undefined> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'cdr_queue',
    supervise: false,
    schedule: false,
    migrate: false,
    max: 1,
  });
  boss.on('error', () => undefined);
  try {
    await boss.start();
  } catch {
    return undefined;
  }
  try {
    const jobs = new Map<string, QueuedSync>();
    for (const job of await boss.findJobs<SyncJobData>(syncQueue, { limit: 100_000 })) {
      const state =
        job.state === 'created'
          ? 'queued'
          : job.state === 'retry'
            ? 'retrying'
            : job.state === 'active'
              ? 'running'
              : undefined;
      if (!state) continue;
      const current = jobs.get(job.data.account);
      // A running job outranks the one queued behind it.
      if (!current || state === 'running')
        jobs.set(job.data.account, { state, startAfter: job.startAfter });
    }
    const [schedule] = await boss.getSchedules(tickQueue);
    return { jobs, everyMs: (schedule?.data as TickJobData | undefined)?.everyMs };
  } catch {
    return undefined;
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 }).catch(() => undefined);
  }
}
