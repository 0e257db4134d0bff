// B10's measured process: lists one IST day of an Ozonetel account through the reports API
// (one streamed body), keeping no call, and prints how many it saw and its peak resident
// memory. Started fresh for each size, with default V8 flags.
import { createOzonetel } from '@cdr/ozonetel';

const [url, userName, apiKey, simulatedNow, from, to] = process.argv.slice(2);
// The simulator's clock, advancing with real time from the instant it was read.
const startedAt = Date.now();
const now = () => new Date(Number(simulatedNow) + (Date.now() - startedAt));
const ozonetel = createOzonetel({ userName: userName!, apiKey: apiKey!, baseUrl: url!, now });
let count = 0;
let talk = 0;
for await (const call of ozonetel.listCalls({
  from: new Date(Number(from)),
  to: new Date(Number(to)),
})) {
  count++;
  talk += call.durations.talkSeconds ?? 0;
}
await ozonetel.close?.();
process.stdout.write(
  `${JSON.stringify({ count, talk, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
