// A provider written by hand, without the kit, that keeps the contract — unless told to
// break it in one way. The kit's own tests prove that each check catches the defect it
// is there for. Not part of the build.
import type { Call } from '../../call.js';
import {
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type CallProvider,
  type ListCallsQuery,
} from '../../call-provider.js';
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  ResponseValidationError,
} from '../../errors/index.js';
import { paginate } from '../../paginate.js';
import { callProblems } from '../../provider-kit/check-call.js';
import { HttpClient } from '../../transport/http-client.js';
import { Redactor } from '../../transport/redact.js';
import type { TransportEventListener } from '../../transport/transport-event.js';
import { assertListQuerySupported } from '../../validate-query.js';
import { mapReferenceCall } from './map-reference-call.js';
import {
  type ReferenceConnection,
  type ReferenceRecord,
  referencePageSize,
} from './reference-api.js';

export const defects = [
  'wrong-specification',
  'duplicates-last-call',
  'loses-last-page',
  'ignores-window',
  'requests-before-checking-window',
  'accepts-any-filter',
  'ignores-status-filter',
  'untyped-auth-error',
  'never-retries',
  'untyped-malformed-error',
  'redacts-raw-form-only',
  'leaks-token-in-calls',
  'ignores-abort',
  'fetches-everything-first',
  'get-returns-other-call',
  'get-unknown-throws',
  'get-sends-empty-id',
  'get-ignores-abort',
  'fails-on-bad-record',
  'drops-bad-record-silently',
] as const;
export type Defect = (typeof defects)[number];

export function createDefectiveProvider(
  connection: ReferenceConnection,
  defect?: Defect,
  onEvent?: TransportEventListener,
): CallProvider {
  const http = new HttpClient({
    provider: 'reference',
    baseUrl: connection.baseUrl,
    secrets: defect === 'redacts-raw-form-only' ? [] : [connection.token],
    retry: defect === 'never-retries' ? false : { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 6 },
  });
  const naive = (text: string) => text.split(connection.token).join('[REDACTED]');
  const scrub = new Redactor([connection.token]);
  const interpret = ({
    statusCode,
    provider,
    endpoint,
  }: {
    statusCode: number;
    provider: string;
    endpoint: string;
  }) =>
    statusCode === 401 && defect !== 'untyped-auth-error'
      ? new AuthenticationError({ provider, endpoint, message: 'the token was refused' })
      : undefined;

  const request = async (path: string, json: unknown, signal?: AbortSignal) => {
    try {
      return await http.requestJson({ method: 'POST', path, json, signal, interpret });
    } catch (error) {
      if (defect === 'untyped-auth-error' && (error as { code?: string }).code === 'authentication')
        throw new Error('request failed');
      if (
        defect === 'untyped-malformed-error' &&
        (error as { code?: string }).code === 'malformed_response'
      )
        throw new SyntaxError('Unexpected end of JSON input');
      if (defect === 'redacts-raw-form-only' && error instanceof Error) {
        error.message = naive(error.message);
      }
      throw error;
    }
  };

  async function* listStatus(status: 'answered' | 'missed', query: ListCallsQuery) {
    const window =
      defect === 'ignores-window'
        ? { from: 0, to: Number.MAX_SAFE_INTEGER }
        : { from: query.from.getTime(), to: query.to.getTime() };
    const pages = paginate<ReferenceRecord>({
      pageSize: referencePageSize,
      ...(defect === 'ignores-abort' ? {} : { signal: query.signal }),
      getId: (record) => record.id,
      fetchPage: async (page, signal) => {
        if (defect === 'loses-last-page' && page > 1) return { total: 0, items: [] };
        return (await request(
          `/calls/${status}`,
          { token: connection.token, page, ...window },
          defect === 'ignores-abort' ? undefined : signal,
        )) as { total: number; items: ReferenceRecord[] };
      },
    });
    yield* pages;
  }

  const provider: CallProvider = {
    specificationVersion: (defect === 'wrong-specification'
      ? 'v0'
      : CALL_PROVIDER_SPECIFICATION_VERSION) as typeof CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: 'reference',
    name: 'reference',
    capabilities: {
      listCalls: { directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
      getCall: true,
    },
    async *listCalls(query) {
      if (defect === 'requests-before-checking-window') {
        await request('/calls/answered', { token: connection.token, page: 1, from: 0, to: 0 });
      }
      if (defect !== 'accepts-any-filter') assertListQuerySupported(provider, query);
      const calls = (async function* () {
        for (const status of ['answered', 'missed'] as const) {
          if (defect !== 'ignores-status-filter' && query.status && query.status !== status)
            continue;
          for await (const record of listStatus(status, query)) {
            const call = mapReferenceCall(record);
            const issues = callProblems(call);
            if (issues.length > 0) {
              const endpoint = `POST /calls/${status}`;
              if (defect === 'fails-on-bad-record')
                throw new ResponseValidationError({
                  provider: 'reference',
                  endpoint,
                  issues,
                  message: `call ${call.id} cannot be trusted`,
                });
              if (defect !== 'drops-bad-record-silently')
                onEvent?.({
                  type: 'record-rejected',
                  provider: 'reference',
                  endpoint,
                  id: call.id,
                  issues,
                  message: `call ${call.id} cannot be trusted`,
                  raw: scrub.scrub(record),
                  window: { from: query.from, to: query.to },
                });
              continue;
            }
            if (query.direction && call.direction !== query.direction) continue;
            yield defect === 'leaks-token-in-calls' ? call : scrub.scrub(call);
          }
        }
      })();
      let last: Call | undefined;
      if (defect === 'fetches-everything-first') {
        const all: Call[] = [];
        for await (const call of calls) all.push(call);
        yield* all;
        return;
      }
      for await (const call of calls) {
        last = call;
        yield call;
      }
      if (defect === 'duplicates-last-call' && last) yield last;
    },
    async getCall(id, options) {
      if (defect !== 'get-ignores-abort') options?.signal?.throwIfAborted();
      if (defect !== 'get-sends-empty-id' && id.trim() === '')
        throw new InvalidRequestError({
          message: 'a call id is required',
        });
      const asked = defect === 'get-returns-other-call' ? 'call-0' : id;
      try {
        const body = (await http.requestJson({
          method: 'GET',
          path: `/calls/${encodeURIComponent(asked || 'none')}`,
          query: { token: connection.token },
          signal: defect === 'get-ignores-abort' ? undefined : options?.signal,
          interpret: (context) => (context.statusCode === 404 ? undefined : interpret(context)),
        })) as { call: ReferenceRecord };
        const call = mapReferenceCall(body.call);
        return defect === 'leaks-token-in-calls' ? call : scrub.scrub(call);
      } catch (error) {
        if (error instanceof NotFoundError && defect !== 'get-unknown-throws') return null;
        throw error;
      }
    },
    close: () => http.close(),
  };
  return provider;
}
