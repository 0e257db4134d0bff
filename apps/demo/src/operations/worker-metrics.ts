// What a worker's jobs did, for Prometheus.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { SyncJobOutcome } from '../worker/run-sync-job.ts';

export class WorkerMetrics {
  readonly #running: Gauge;
  readonly #finished: Counter<'account' | 'outcome'>;
  readonly #retried: Counter<'account'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#running = new Gauge({
      name: 'cdr_worker_jobs_running',
      help: 'Sync jobs this worker is running now.',
      registers,
    });
    this.#finished = new Counter({
      name: 'cdr_worker_jobs_total',
      help: 'Sync jobs this worker ended, by outcome: synced, failed (the queue retries it), parked (credentials refused), given_back (stopped by a shutdown), busy, skipped, error (the store failed).',
      labelNames: ['account', 'outcome'],
      registers,
    });
    this.#retried = new Counter({
      name: 'cdr_worker_jobs_retried_total',
      help: 'Sync jobs this worker started again after a failed attempt (the queue’s retries).',
      labelNames: ['account'],
      registers,
    });
  }

  started(account: string, attempt: number): void {
    this.#running.inc();
    if (attempt > 1) this.#retried.inc({ account });
  }

  ended(account: string, outcome: SyncJobOutcome['kind'] | 'error'): void {
    this.#running.dec();
    this.#finished.inc({ account, outcome: outcome === 'interrupted' ? 'given_back' : outcome });
  }
}
