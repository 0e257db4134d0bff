// The accounts' sync state as the database holds it, read when Prometheus scrapes: how far
// behind each account's cursor is, when it last synced, whether it is parked. Any process
// with the database serves them (every worker sees the whole fleet's state, not only its
// own jobs'), so they are labelled by account alone.
import { Gauge, type Registry } from 'prom-client';
import type { CallStore } from '../store/call-store.ts';

export interface AccountStateMetricsOptions {
  store: Pick<CallStore, 'accountStates'>;
  /** The injected clock the lag counts to (`CDR_NOW` in tests). */
  now: () => Date;
  /** A read that failed: the scrape goes on without these series. */
  onError?: ((error: unknown) => void) | undefined;
}

export function registerAccountStateMetrics(
  registry: Registry,
  options: AccountStateMetricsOptions,
): void {
  // One read of the database per scrape, shared by the three gauges' collects (a registry
  // collects its metrics at once).
  let reading: Promise<void> | undefined;
  const collect = () => {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  const registers = [registry];
  const lag = new Gauge({
    name: 'cdr_sync_lag_seconds',
    help: 'Now minus the account’s cursor: how far behind the stored calls are (calls started before the cursor are all stored).',
    labelNames: ['account'],
    registers,
    collect,
  });
  const lastSuccess = new Gauge({
    name: 'cdr_sync_last_success_timestamp_seconds',
    help: 'When the account’s last successful sync ended (Unix time).',
    labelNames: ['account'],
    registers,
    collect,
  });
  const parked = new Gauge({
    name: 'cdr_account_parked',
    help: '1 while the account is parked (its credentials were refused; workers leave it alone until `cdr state unpark`), else 0.',
    labelNames: ['account'],
    registers,
    collect,
  });
  const read = async () => {
    lag.reset();
    lastSuccess.reset();
    parked.reset();
    let states: Awaited<ReturnType<CallStore['accountStates']>>;
    try {
      states = await options.store.accountStates();
    } catch (error) {
      options.onError?.(error);
      return;
    }
    const now = options.now().getTime();
    for (const state of states) {
      const labels = { account: state.account };
      if (state.position) lag.set(labels, Math.max(0, now - state.position.getTime()) / 1000);
      if (state.lastSuccessAt) lastSuccess.set(labels, state.lastSuccessAt.getTime() / 1000);
      parked.set(labels, state.parkedAt ? 1 : 0);
    }
  };
}
