// B3's measured process, started fresh for each size: streams every call of a window and
// prints how many it saw and its peak resident memory. Either through the client, keeping
// none (`list`), or through `cdr sync`'s engine into a new SQLite file with the CLI's
// defaults (`sync`). Its workload is one credential as its arguments give it: the PIOPIY
// app's outgoing missed endpoint alone, or a user token's default four endpoints.
import { readFileSync } from 'node:fs';
import { type CallProvider, createCdrClient } from '@cdr/core';
import { SqliteCallStore } from '@cdr/demo/sqlite-store';
import { syncAccounts } from '@cdr/demo/sync';
import { createTelecmi, type TelecmiCredentials } from '@cdr/telecmi';
import { cliSqliteOptions, cliSyncDefaults } from './sync-defaults.ts';
import { onlyOutgoingMissed } from './telecmi-workload.ts';

const [mode, url, credentialsJson, from, to, database] = process.argv.slice(2);
const credentials = JSON.parse(credentialsJson!) as TelecmiCredentials;
const window = { from: new Date(Number(from)), to: new Date(Number(to)) };
const provider = (settings: { concurrency?: number }) =>
  createTelecmi({
    credentials,
    // The app lists the one endpoint its calls are in; a user every default endpoint.
    ...(credentials.kind === 'piopiy-app' ? { endpoints: onlyOutgoingMissed } : {}),
    baseUrls: { rest: url!, piopiy: url! },
    ...settings,
  });

// Read a field of each listed call, as a consumer would; printed, so that it is computed.
let billed = 0;
const count =
  mode === 'sync' ? await sync(provider({})) : await list(provider({ concurrency: 16 }));
process.stdout.write(`${JSON.stringify({ count, billed, maxRssBytes: peakRssBytes() })}\n`);

async function list(telecmi: CallProvider): Promise<number> {
  const client = createCdrClient({ providers: [telecmi] });
  let count = 0;
  for await (const call of client.listCalls(window)) {
    count++;
    billed += call.durations.billedSeconds ?? 0;
  }
  await client.close();
  return count;
}

/** What `cdr sync` does with a new database and no flags: the provider's own concurrency. */
async function sync(telecmi: CallProvider): Promise<number> {
  const store = SqliteCallStore.open(database!, cliSqliteOptions);
  try {
    const [result] = await syncAccounts([{ name: 'telecmi:bench', provider: telecmi }], store, {
      ...cliSyncDefaults,
      ...window,
      now: () => window.to,
    });
    if (!result?.ok)
      throw new Error(`the sync failed: ${String(result && !result.ok && result.error)}`);
    return await store.countCalls({});
  } finally {
    await telecmi.close?.();
    await store.close();
  }
}

/**
 * This process's own peak RSS. Not `resourceUsage().maxRSS`: Linux carries the high-water
 * mark of the address space an `exec` replaces into it, and that is the forked copy of the
 * parent, so it read the parent's RSS (the simulator holding a million calls) whenever
 * that was higher. `VmHWM` is the mark of this address space alone.
 */
function peakRssBytes(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kilobytes !== undefined) return Number(kilobytes) * 1024;
  } catch {
    // Not Linux: no /proc. maxRSS then, with the caveat above where it applies.
  }
  return process.resourceUsage().maxRSS * 1024;
}
