// What a process's syncs did, per account and provider, for Prometheus: the calls they
// listed and stored, the provider requests by outcome and latency (from the transport's
// events), the rate-limit waits, and how long each sync took.
import { CdrError, type TransportEvent } from '@cdr/core';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { AccountSyncResult } from '../sync/sync-account.ts';

/** The account a series is about: its name (letters, digits and `:._-`, never a secret) and provider family. */
export interface MetricsAccount {
  name: string;
  provider: string;
}

const accountLabels = ['account', 'provider'] as const;

/** What a provider request came to, as `cdr_provider_requests_total` counts it. */
export type RequestOutcome = 'ok' | 'retried' | 'rate_limited' | 'failed';

export class SyncMetrics {
  readonly #listed: Counter<'account' | 'provider'>;
  readonly #stored: Counter<'account' | 'provider' | 'result'>;
  readonly #requests: Counter<'account' | 'provider' | 'outcome'>;
  readonly #latency: Histogram<'account' | 'provider'>;
  readonly #rateLimitWaits: Counter<'account' | 'provider'>;
  readonly #rateLimitWaitSeconds: Counter<'account' | 'provider'>;
  readonly #duration: Histogram<'account' | 'provider' | 'result'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#listed = new Counter({
      name: 'cdr_sync_calls_listed_total',
      help: 'Calls the providers listed to this process’s syncs.',
      labelNames: accountLabels,
      registers,
    });
    this.#stored = new Counter({
      name: 'cdr_sync_calls_stored_total',
      help: 'Calls the syncs wrote, by what the write did: inserted (new), updated (changed), unchanged.',
      labelNames: [...accountLabels, 'result'],
      registers,
    });
    this.#requests = new Counter({
      name: 'cdr_provider_requests_total',
      help: 'Provider API requests by outcome: ok (a 2xx answer), retried (an attempt retried after an error), rate_limited (an attempt retried after a 429), failed (given up: its error ended the sync).',
      labelNames: [...accountLabels, 'outcome'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'cdr_provider_request_duration_seconds',
      help: 'Time from sending a provider request to its whole answer, per attempt.',
      labelNames: accountLabels,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#rateLimitWaits = new Counter({
      name: 'cdr_provider_rate_limit_waits_total',
      help: 'Requests held back by the client to stay within the provider’s documented rate budget.',
      labelNames: accountLabels,
      registers,
    });
    this.#rateLimitWaitSeconds = new Counter({
      name: 'cdr_provider_rate_limit_wait_seconds_total',
      help: 'Time requests were held back for the provider’s rate budget.',
      labelNames: accountLabels,
      registers,
    });
    this.#duration = new Histogram({
      name: 'cdr_sync_duration_seconds',
      help: 'How long an account’s sync ran, by result (ok or failed).',
      labelNames: [...accountLabels, 'result'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
  }

  /** Counts one transport event of `account`'s provider (the session's `onTransportEvent`). */
  observeTransportEvent(account: MetricsAccount, event: TransportEvent): void {
    const labels = { account: account.name, provider: account.provider };
    switch (event.type) {
      case 'response':
        this.#latency.observe(labels, event.durationMs / 1000);
        if (event.statusCode >= 200 && event.statusCode < 300)
          this.#requests.inc({ ...labels, outcome: 'ok' });
        return;
      case 'retry':
        this.#requests.inc({
          ...labels,
          outcome: event.error.code === 'rate_limited' ? 'rate_limited' : 'retried',
        });
        return;
      case 'rate-limit-wait':
        this.#rateLimitWaits.inc(labels);
        this.#rateLimitWaitSeconds.inc(labels, event.waitMs / 1000);
        return;
      default:
        return;
    }
  }

  /** Counts a finished sync of `account`: its calls, its duration, and the request that failed it. */
  observeSync(account: MetricsAccount, result: AccountSyncResult, durationSeconds: number): void {
    const labels = { account: account.name, provider: account.provider };
    this.#listed.inc(labels, result.listed);
    for (const write of ['inserted', 'updated', 'unchanged'] as const)
      this.#stored.inc({ ...labels, result: write }, result[write]);
    this.#duration.observe({ ...labels, result: result.ok ? 'ok' : 'failed' }, durationSeconds);
    // A listing stops at the request that fails for good (the others are cancelled), and
    // the transport reports no event for it: the failed sync is where it shows.
    if (!result.ok && CdrError.isInstance(result.error))
      this.#requests.inc({ ...labels, outcome: 'failed' });
  }
}
