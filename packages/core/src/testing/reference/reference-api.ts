// A minimal paged call-log API and a provider for it: the kit's own test subject, and
// the smallest worked example of a provider built on @cdr/core. Not part of the build.
import type { Call } from '../../call.js';
import {
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type CallProvider,
  type ListCallsQuery,
} from '../../call-provider.js';
import { AuthenticationError } from '../../errors/errors.js';
import { paginate } from '../../paginate.js';
import { HttpClient } from '../../transport/http-client.js';
import { assertListQuerySupported, unsupportedGetCall } from '../../validate-query.js';
import type { ConformanceSession } from '../conformance.js';
import { FaultInjector } from '../fault-injector.js';
import { startTestServer } from '../test-server.js';

interface ReferenceRecord {
  id: string;
  start: number;
}

export interface ReferenceProviderOptions {
  baseUrl: string;
  token: string;
  /** Deliberate defects, to prove the kit catches them. */
  defect?: 'duplicates-last-call' | 'ignores-window' | 'leaks-token';
}

export function createReferenceProvider(options: ReferenceProviderOptions): CallProvider {
  const http = new HttpClient({
    provider: 'reference',
    baseUrl: options.baseUrl,
    secrets: options.defect === 'leaks-token' ? [] : [options.token],
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 6 },
  });
  const toCall = (record: ReferenceRecord): Call => ({
    id: record.id,
    provider: 'reference',
    direction: 'outbound',
    status: 'answered',
    startedAt: new Date(record.start),
    durations: {},
    notes: [],
    raw: record,
  });
  const provider: CallProvider = {
    specificationVersion: CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: 'reference',
    name: 'reference',
    capabilities: {
      listCalls: { directions: ['outbound'], statuses: ['answered'] },
      getCall: false,
    },
    async *listCalls(query: ListCallsQuery) {
      assertListQuerySupported(provider, query);
      const window =
        options.defect === 'ignores-window'
          ? { from: 0, to: Number.MAX_SAFE_INTEGER }
          : { from: query.from.getTime(), to: query.to.getTime() };
      let last: Call | undefined;
      for await (const record of paginate({
        pageSize: 10,
        signal: query.signal,
        getId: (item: ReferenceRecord) => item.id,
        fetchPage: async (page, signal) =>
          (await http.requestJson({
            method: 'POST',
            path: '/calls',
            json: { token: options.token, page, ...window },
            signal,
            interpret: ({ statusCode, provider: name, endpoint, body }) =>
              statusCode === 401
                ? new AuthenticationError({
                    provider: name,
                    endpoint,
                    message: `refused: ${JSON.stringify(body)}`,
                  })
                : undefined,
          })) as { total: number; items: ReferenceRecord[] },
      })) {
        last = toCall(record);
        yield last;
      }
      if (options.defect === 'duplicates-last-call' && last) yield last;
    },
    async getCall() {
      throw unsupportedGetCall(provider);
    },
    close: () => http.close(),
  };
  return provider;
}

const validToken = 'reference-valid-token';
const invalidToken = 'reference-invalid-token';
const windowStart = Date.UTC(2026, 0, 1);

/** Starts the reference API with 45 calls, one a minute, and returns a conformance session. */
export async function startReferenceSession(
  defect?: ReferenceProviderOptions['defect'],
): Promise<ConformanceSession> {
  const records: ReferenceRecord[] = Array.from({ length: 45 }, (_, index) => ({
    id: `call-${index}`,
    start: windowStart + index * 60_000,
  }));
  const faults = new FaultInjector({
    rateLimited: (response) => {
      response.writeHead(429, { 'retry-after': '0' });
      response.end();
    },
  });
  const server = await startTestServer(async (_request, response, body) => {
    if (await faults.apply(response)) return;
    const query = JSON.parse(body) as { token: string; page: number; from: number; to: number };
    if (query.token !== validToken) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `bad token ${query.token}` }));
      return;
    }
    const matching = records.filter(
      (record) => record.start >= query.from && record.start <= query.to,
    );
    response.end(
      JSON.stringify({
        total: matching.length,
        items: matching.slice((query.page - 1) * 10, query.page * 10),
      }),
    );
  });
  const window = { from: new Date(windowStart), to: new Date(windowStart + 44 * 60_000) };
  return {
    createProvider: (options) =>
      createReferenceProvider({
        baseUrl: server.url,
        token: options?.credentials === 'invalid' ? invalidToken : validToken,
        ...(defect ? { defect } : {}),
      }),
    secrets: [validToken, invalidToken],
    requestCount: () => server.requestCount,
    injectFault: (kind, count) => faults.inject(kind, count),
    stop: () => server.close(),
    window,
    expectedCallIds: ({ from, to }) =>
      records
        .filter((record) => record.start >= from.getTime() && record.start <= to.getTime())
        .map((record) => record.id),
  };
}
