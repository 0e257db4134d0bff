// What the store contract's behaviours share: the store a test opens, and small readers.
import type { Call } from '@cdr/core';
import type { CallStore } from '../../store/call-store.ts';
import type { StoredCall } from '../../store/stored-call.ts';

export interface StoreContract {
  /** Opens a fresh, empty store for one test (on `now` when given); closed after the test. */
  fresh(options?: { now?: () => number }): Promise<CallStore>;
  /** Makes `store` the one closed after the test (when a test opened another and closed it). */
  keep(store: CallStore): void;
  /** Opens another fresh store (another database), which the test closes itself. */
  another(): Promise<CallStore>;
}

export const party = (number: string) => ({
  kind: 'phone' as const,
  raw: number,
  phoneNumber: number,
});
export const at = (time: string) => new Date(`2026-11-20T${time}:00+05:30`);
export const ids = (calls: readonly Call[]) => calls.map((call) => call.id);

/** The calls alone; `accountsOf` reads the accounts they came from. */
export async function collect(calls: AsyncIterable<StoredCall>): Promise<Call[]> {
  const result: Call[] = [];
  for await (const { account: _account, ...call } of calls) result.push(call);
  return result;
}

export async function accountsOf(calls: AsyncIterable<StoredCall>): Promise<(string | null)[]> {
  const result: (string | null)[] = [];
  for await (const call of calls) result.push(call.account);
  return result;
}
