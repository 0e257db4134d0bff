import {
  assertListQuerySupported,
  CALL_PROVIDER_SPECIFICATION_VERSION,
  type Call,
  type CallProvider,
  type CountryCode,
  createPhoneNormalizer,
  HttpClient,
  type HttpClientOptions,
  InvalidRequestError,
  type ListCallsQuery,
  paginate,
  parseResponse,
  Secret,
  unsupportedGetCall,
} from '@cdr/core';
import { interpretAcmeResponse } from './acme-error.js';
import { acmePageSchema } from './acme-schemas.js';
import { mapAcmeCall } from './map-acme-call.js';

// TODO(acme): the documented base URL, list endpoint and largest page.
export const defaultAcmeBaseUrl = 'https://api.acme.invalid';
const listPath = '/v1/calls';
const maxPageSize = 100;
const providerName = 'acme';

/** Transport settings a user may tune; the provider sets the rest. */
export type AcmeTransportOptions = Omit<HttpClientOptions, 'provider' | 'baseUrl' | 'secrets'>;

export interface AcmeSettings {
  /** TODO(acme): the account's credentials, as the docs name them. */
  apiKey: string;
  /** This instance's name in a client. Default `acme`. */
  name?: string;
  /** Another host: a simulator, a proxy, a region. */
  baseUrl?: string;
  /** Region for numbers written without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
  /** Records per page. Default the largest the API allows. */
  pageSize?: number;
  /** Pages fetched at once after the first. Default 4. */
  concurrency?: number;
  transport?: AcmeTransportOptions;
}

function invalid(message: string) {
  return new InvalidRequestError({ provider: providerName, message });
}

/** An Acme account as a cdr provider. Settings are checked here, before any request. */
export function createAcme(settings: AcmeSettings): CallProvider {
  if (typeof settings?.apiKey !== 'string' || settings.apiKey.trim() === '')
    throw invalid('an apiKey is required');
  const pageSize = settings.pageSize ?? maxPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize)
    throw invalid(`pageSize must be an integer from 1 to ${maxPageSize}, got ${pageSize}`);
  const apiKey = new Secret(settings.apiKey);
  const http = new HttpClient({
    ...settings.transport,
    provider: providerName,
    baseUrl: settings.baseUrl ?? defaultAcmeBaseUrl,
    secrets: [apiKey],
    headers: { ...settings.transport?.headers, authorization: `Bearer ${apiKey.reveal()}` },
  });
  const normalize = createPhoneNormalizer({ defaultRegion: settings.defaultRegion ?? 'IN' });
  const label = `GET ${listPath}`;

  async function* list(query: ListCallsQuery): AsyncGenerator<Call> {
    const pages = paginate({
      pageSize,
      concurrency: settings.concurrency ?? 4,
      signal: query.signal,
      getId: (call: Call) => call.id,
      fetchPage: async (page, signal) => {
        const body = await http.requestJson({
          method: 'GET',
          path: listPath,
          endpoint: label,
          query: { from: query.from.getTime(), to: query.to.getTime(), page, limit: pageSize },
          signal,
          interpret: interpretAcmeResponse,
        });
        const parsed = parseResponse(acmePageSchema, body, {
          provider: providerName,
          endpoint: label,
        });
        const received = (body as { records: unknown[] }).records;
        return {
          items: parsed.records.map((record, index) =>
            mapAcmeCall(record, normalize, received[index]),
          ),
          total: parsed.total,
        };
      },
    });
    // TODO(acme): send direction and status to the API when it can filter on them.
    for await (const call of pages) {
      if (query.direction !== undefined && call.direction !== query.direction) continue;
      if (query.status !== undefined && call.status !== query.status) continue;
      yield call;
    }
  }

  const provider: CallProvider = {
    specificationVersion: CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: providerName,
    name: settings.name ?? providerName,
    // TODO(acme): what the API can filter on and return; the conformance kit checks it.
    capabilities: {
      listCalls: { directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
      getCall: false,
    },
    async *listCalls(query) {
      assertListQuerySupported(provider, query);
      // Fixed once, so that calls arriving during the listing cannot shift the window.
      yield* list({ ...query, from: new Date(query.from), to: new Date(query.to) });
    },
    async getCall() {
      throw unsupportedGetCall(provider);
    },
    close: () => http.close(),
  };
  return provider;
}
