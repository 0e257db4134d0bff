import type { CallLookups, LookupAnswer } from '@cdr/core/provider-utils';
import type { OzonetelProvider } from './ozonetel-provider.js';
import { ucidPattern } from './ozonetel-ucid.js';

/**
 * Ozonetel's lookups, for a tool (`cdr lookup`): by UCID, the store chosen from the IST
 * clock, "not available yet" an answer (between 00:00 and 03:00 IST, yesterday's calls are
 * in neither store), within the 50-a-minute budget.
 */
export const ozonetelLookups = {
  idName: 'UCID',
  idProblem: (ucid: string) =>
    ucidPattern.test(ucid) ? undefined : 'UCIDs are numeric (at most 30 digits)',
  async *lookUp(provider: OzonetelProvider, ucids: readonly string[], { signal } = {}) {
    for await (const { ucid, ...answer } of provider.lookupCalls(ucids, { signal }))
      yield { id: ucid, ...answer } satisfies LookupAnswer;
  },
} satisfies Partial<CallLookups<OzonetelProvider>>;
