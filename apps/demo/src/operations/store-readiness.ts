import type { CallStore } from '../store/call-store.ts';
import type { ReadinessCheck } from './readiness.ts';

/** The database reachable, and its schema the one this cdr reads (`cdr migrate` run). */
export function storeReadiness(store: Pick<CallStore, 'checkReady'>): ReadinessCheck {
  return { name: 'database', check: () => store.checkReady() };
}
