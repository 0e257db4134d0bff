import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CallProvider } from '../call-provider.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import { ReferenceApi, validToken } from '../testing/reference/reference-api.js';
import { createReferenceProvider } from '../testing/reference/reference-provider.js';
import { type LookupAnswer, lookUpByGetCall } from './call-lookups.js';

let api: ReferenceApi;
let provider: CallProvider;
beforeAll(async () => {
  api = await ReferenceApi.start();
  provider = createReferenceProvider({ baseUrl: api.url, token: validToken });
});
afterAll(() => api.stop());

async function answers(ids: readonly string[], on = provider): Promise<LookupAnswer[]> {
  const all: LookupAnswer[] = [];
  for await (const answer of lookUpByGetCall(on, ids)) all.push(answer);
  return all;
}

test('one answer per id: found with the call, not found, and a fault retried to its answer', async () => {
  api.injectFault('server-error', 2);
  const got = await answers(['call-3', 'nope', 'call-150']);
  expect(got.map((answer) => [answer.id, answer.status])).toEqual([
    ['call-3', 'found'],
    ['nope', 'not-found'],
    ['call-150', 'found'],
  ]);
  expect(got.map((answer) => (answer.status === 'found' ? answer.call.id : null))).toEqual([
    'call-3',
    null,
    'call-150',
  ]);
});

test('a failed lookup is an answer, and the others still come', async () => {
  const refused = createReferenceProvider({ baseUrl: api.url, token: 'wrong-token' });
  const got = await answers(['call-1', 'call-2'], refused);
  expect(got.map((answer) => answer.status)).toEqual(['failed', 'failed']);
  expect(got[0]!.status === 'failed' && (got[0]!.error as Error).name).toBe('AuthenticationError');
});

test('a provider that cannot fetch a call by id is refused before any request', async () => {
  const before = api.requestCount;
  const listingOnly: CallProvider = {
    ...provider,
    capabilities: { ...provider.capabilities, getCall: false },
  };
  await expect(answers(['call-1'], listingOnly)).rejects.toBeInstanceOf(UnsupportedError);
  expect(api.requestCount).toBe(before);
});
