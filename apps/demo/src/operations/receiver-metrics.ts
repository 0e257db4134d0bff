// What `cdr receive` did with the pushes that reached it, for Prometheus.
import { Counter, type Registry } from 'prom-client';
import type { PushRefusal } from '../receive/push-server.ts';

export class ReceiverMetrics {
  readonly #accepted: Counter<'account' | 'result'>;
  readonly #refused: Counter<'account' | 'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#accepted = new Counter({
      name: 'cdr_receiver_pushes_accepted_total',
      help: 'Pushes checked and stored, by what they did: inserted (a new call), updated, unchanged (a repeat), ignored (no call in it).',
      labelNames: ['account', 'result'],
      registers,
    });
    this.#refused = new Counter({
      name: 'cdr_receiver_pushes_refused_total',
      help: 'Pushes refused, by reason; account is empty when the path names none.',
      labelNames: ['account', 'reason'],
      registers,
    });
  }

  accepted(account: string, result: 'inserted' | 'updated' | 'unchanged' | 'ignored'): void {
    this.#accepted.inc({ account, result });
  }

  refused(account: string | undefined, reason: PushRefusal): void {
    this.#refused.inc({ account: account ?? '', reason });
  }
}
