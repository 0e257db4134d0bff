// The runnable example: starts the TeleCMI and Ozonetel simulators on 127.0.0.1 (no
// credentials, no network), composes the providers through the core client, streams a
// week of calls and prints what came back. Node runs this file directly (type stripping).
import { type Call, createCdrClient, formatZonedDate, INDIA_TIME_ZONE } from '@cdr/core';
import { createOzonetel } from '@cdr/ozonetel';
import { OzonetelSimulator } from '@cdr/ozonetel/testing';
import { createTelecmi } from '@cdr/telecmi';
import { TelecmiSimulator } from '@cdr/telecmi/testing';

const telecmi = await TelecmiSimulator.start({ calls: 3000, days: 7, seed: 2026, latencyMs: 5 });
const ozonetel = await OzonetelSimulator.start({ calls: 40, seed: 2026 });
const kinds = ['user', 'app', 'agent'] as const;
const client = createCdrClient({
  providers: kinds.map((kind) =>
    createTelecmi({ credentials: telecmi.credentials[kind], baseUrls: telecmi.baseUrls }),
  ),
});
const window = {
  from: new Date(telecmi.dataSet.now - 7 * 86_400_000),
  to: new Date(telecmi.dataSet.now),
};

const counts = new Map<string, number>();
let answered = 0;
let total = 0;
let billedSeconds = 0;
let cost = 0;
const started = performance.now();
for await (const call of client.listCalls(window)) {
  const key = `${call.provider} ${formatZonedDate(call.startedAt, INDIA_TIME_ZONE)} ${call.direction} ${call.status}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  total++;
  if (call.status === 'answered') answered++;
  billedSeconds += call.durations.billedSeconds ?? 0;
  cost += call.cost?.amount ?? 0;
}
const seconds = (performance.now() - started) / 1000;

const ozonetelProvider = createOzonetel({
  userName: ozonetel.userName,
  apiKey: ozonetel.apiKey,
  baseUrl: ozonetel.url,
  now: () => ozonetel.now(),
});
const lookups: Call[] = [];
for await (const result of ozonetelProvider.lookupCalls(
  ozonetel.calls().map((call) => call.ucid),
)) {
  if (result.status === 'found') lookups.push(result.call);
}

console.log(
  `TeleCMI: ${total} calls in ${seconds.toFixed(2)} s over ${client.providers.size} credentials (an agent's calls are also its app's)`,
);
for (const [key, count] of [...counts].sort()) console.log(`  ${key.padEnd(48)} ${count}`);
console.log(
  `  answer rate ${((answered / Math.max(1, total)) * 100).toFixed(1)}%, billed ${billedSeconds} s, cost ${cost.toFixed(4)}`,
);
console.log(
  `Ozonetel: ${lookups.length} of ${ozonetel.calls().length} UCIDs found (the rest are past the 15-day retention)`,
);

await client.close();
await ozonetelProvider.close?.();
await Promise.all([telecmi.stop(), ozonetel.stop()]);
