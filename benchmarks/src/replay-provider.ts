// A provider that serves Calls listed earlier, from memory: the sync engine run against it
// does everything it does for a real provider (slices, lookahead, batches, cursor) except
// wait for pages, so its time is the write path alone.
import type { Call, CallProvider } from '@cdr/core';

export function replayProvider(name: string, calls: readonly Call[]): CallProvider {
  const sorted = [...calls].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  // The first call starting at or after `time`.
  const firstFrom = (time: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]!.startedAt.getTime() < time) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    specificationVersion: 'v1',
    provider: 'telecmi',
    name,
    capabilities: {
      listCalls: { directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
      getCall: false,
    },
    async *listCalls(query) {
      // The window is inclusive at both ends, as a provider's is.
      const end = firstFrom(query.to.getTime() + 1);
      for (let index = firstFrom(query.from.getTime()); index < end; index++) yield sorted[index]!;
    },
    getCall: async () => null,
  };
}
