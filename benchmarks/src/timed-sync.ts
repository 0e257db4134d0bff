// One `cdr sync` of a benchmark's account with the CLI's defaults, timed, and checked to
// have stored every call: the end-to-end figure of B5 and B8.
import type { CallProvider } from '@cdr/core';
import { syncAccounts } from '@cdr/demo/sync';
import { check, timed } from './harness.ts';
import { cliSyncDefaults } from './sync-defaults.ts';
import { userAccountName } from './telecmi-user-workload.ts';

/** Syncs `[from, to]` into `store` and returns the calls per second; `expected` must be stored. */
export async function timedCliSync(
  // Either store: the sync takes the one contract both implement.
  store: Parameters<typeof syncAccounts>[1],
  provider: CallProvider,
  window: { from: number; to: number },
  expected: number,
): Promise<number> {
  const ms = await timed(async () => {
    const [result] = await syncAccounts([{ name: userAccountName, provider }], store, {
      ...cliSyncDefaults,
      from: new Date(window.from),
      to: new Date(window.to),
      now: () => new Date(window.to),
    });
    check(result?.ok === true, `the sync failed: ${String(result && !result.ok && result.error)}`);
  });
  const stored = await store.countCalls({});
  check(stored === expected, `synced ${stored} of ${expected}`);
  return (expected / ms) * 1000;
}
