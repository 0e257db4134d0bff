// B3's measured process: streams every call of a window through the client, keeping none,
// and prints how many it saw and its peak resident memory. Started fresh for each size.
import { createCdrClient } from '@cdr/core';
import { createTelecmi } from '@cdr/telecmi';
import { onlyOutgoingMissed } from './telecmi-workload.ts';

const [url, appId, appSecret, from, to] = process.argv.slice(2);
const client = createCdrClient({
  providers: [
    createTelecmi({
      credentials: { kind: 'piopiy-app', appId: Number(appId), appSecret: appSecret! },
      endpoints: onlyOutgoingMissed,
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
process.stdout.write(
  `${JSON.stringify({ count, billed, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
