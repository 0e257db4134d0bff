// The reference provider on the kit: what a provider package is, at its smallest — its
// settings, its endpoints (how to fetch a page and map it), its lookup, its errors.
import type { CallProvider } from '../../call-provider.js';
import { AuthenticationError } from '../../errors/index.js';
import { createCallProvider } from '../../provider-kit/create-call-provider.js';
import type { ListingSource } from '../../provider-kit/listing-source.js';
import type { HttpResponseContext } from '../../transport/http-client-options.js';
import type { TransportEventListener } from '../../transport/transport-event.js';
import { mapReferenceCall } from './map-reference-call.js';
import {
  type ReferenceConnection,
  type ReferenceRecord,
  referencePageSize,
} from './reference-api.js';

const interpret = ({ statusCode, provider, instance, endpoint }: HttpResponseContext) =>
  statusCode === 401
    ? new AuthenticationError({ provider, instance, endpoint, message: 'the token was refused' })
    : undefined;

export function createReferenceProvider(
  connection: ReferenceConnection,
  onEvent?: TransportEventListener,
): CallProvider {
  return createCallProvider({
    provider: 'reference',
    name: 'reference',
    baseUrl: connection.baseUrl,
    secrets: [connection.token],
    settings: {
      transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 6 }, onEvent },
    },
    sources: ({ http, phone }) =>
      (['answered', 'missed'] as const).map(
        (status): ListingSource => ({
          paging: 'page-number',
          endpoint: `POST /calls/${status}`,
          directions: ['inbound', 'outbound'],
          statuses: [status],
          pageSize: referencePageSize,
          fetchPage: async ({ window, page, signal }) => {
            const body = (await http.requestJson({
              method: 'POST',
              path: `/calls/${status}`,
              json: {
                token: connection.token,
                page,
                from: window.from.getTime(),
                to: window.to.getTime(),
              },
              signal,
              interpret,
            })) as { total: number; items: ReferenceRecord[] };
            return {
              total: body.total,
              calls: body.items.map((item) => mapReferenceCall(item, phone)),
            };
          },
        }),
      ),
    getCall: {
      fetch: async (id, { http, phone }, signal) => {
        const body = (await http
          .requestJson({
            method: 'GET',
            path: `/calls/${encodeURIComponent(id)}`,
            query: { token: connection.token },
            signal,
            interpret: (context) => (context.statusCode === 404 ? undefined : interpret(context)),
          })
          .catch((error: unknown) => {
            if ((error as { code?: string }).code === 'not_found') return undefined;
            throw error;
          })) as { call: ReferenceRecord } | undefined;
        return body ? mapReferenceCall(body.call, phone) : null;
      },
    },
  });
}
