// B3's measured process: streams every call of a window through the client, keeping none,
// and prints how many it saw and its peak resident memory. Started fresh for each size.
// Its workload is one credential as its arguments give it: the PIOPIY app's outgoing missed
// endpoint alone, or a user token's default four endpoints.
import { readFileSync } from 'node:fs';
import { createCdrClient } from '@cdr/core';
import { createTelecmi, type TelecmiCredentials } from '@cdr/telecmi';
import { onlyOutgoingMissed } from './telecmi-workload.ts';

const [url, credentialsJson, from, to] = process.argv.slice(2);
const credentials = JSON.parse(credentialsJson!) as TelecmiCredentials;
const client = createCdrClient({
  providers: [
    createTelecmi({
      credentials,
      // The app lists the one endpoint its calls are in; a user every default endpoint.
      ...(credentials.kind === 'piopiy-app' ? { endpoints: onlyOutgoingMissed } : {}),
      baseUrls: { rest: url!, piopiy: url! },
      concurrency: 16,
    }),
  ],
});
let count = 0;
let billed = 0;
for await (const call of client.listCalls({
  from: new Date(Number(from)),
  to: new Date(Number(to)),
})) {
  count++;
  billed += call.durations.billedSeconds ?? 0;
}
await client.close();
process.stdout.write(`${JSON.stringify({ count, billed, maxRssBytes: peakRssBytes() })}\n`);

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
