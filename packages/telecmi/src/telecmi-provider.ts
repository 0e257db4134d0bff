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
import { mapTelecmiCall } from './map-telecmi-call.js';
import {
  defaultTelecmiBaseUrls,
  endpointsFor,
  type TelecmiCredentialKind,
  type TelecmiEndpoint,
  type TelecmiHost,
} from './telecmi-endpoints.js';
import { interpretTelecmiResponse } from './telecmi-error.js';
import { telecmiPageSchema } from './telecmi-schemas.js';

/** The credentials of one TeleCMI account, each kind served by its own endpoint. */
export type TelecmiCredentials =
  /** A user login token (`POST /v2/user/login`): outgoing answered and missed calls. */
  | { kind: 'user'; token: string }
  /** A PIOPIY app id and app secret (CHUB dashboard): the app's outgoing missed calls. */
  | { kind: 'app'; appId: number; appSecret: string }
  /** A PIOPIY agent login token: the agent's outgoing missed calls. */
  | { kind: 'agent'; token: string };

/** Transport settings a user may tune; the provider sets the rest. */
export type TelecmiTransportOptions = Omit<HttpClientOptions, 'provider' | 'baseUrl' | 'secrets'>;

export interface TelecmiSettings {
  credentials: TelecmiCredentials;
  /** This instance's name in a client. Default `telecmi:<kind>`. */
  name?: string;
  /** Override the hosts (simulators, proxies, other regions). */
  baseUrls?: Partial<Record<TelecmiHost, string>>;
  /** Region for numbers written without a country code. Default `IN`. */
  defaultRegion?: CountryCode;
  /** Records per page, 1 to 10 (the API's maximum). Default 10. */
  pageSize?: number;
  /** Pages fetched at once after the first. Default 4. */
  concurrency?: number;
  transport?: TelecmiTransportOptions;
}

const providerName = 'telecmi';

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Checks settings before anything is sent; returns the credential secrets. */
function validateSettings(settings: TelecmiSettings): Secret[] {
  const invalid = (message: string) => new InvalidRequestError({ provider: providerName, message });
  const credentials = settings.credentials as Partial<Record<string, unknown>> | undefined;
  if (!credentials) throw invalid('credentials are required');
  switch (credentials.kind) {
    case 'user':
    case 'agent':
      if (!nonEmpty(credentials.token)) throw invalid(`a ${credentials.kind} token is required`);
      return [new Secret(credentials.token)];
    case 'app':
      if (!Number.isSafeInteger(credentials.appId) || (credentials.appId as number) <= 0) {
        throw invalid('appId must be a positive integer');
      }
      if (!nonEmpty(credentials.appSecret)) throw invalid('an appSecret is required');
      return [new Secret(credentials.appSecret)];
    default:
      throw invalid(
        `credentials.kind must be "user", "app" or "agent", got ${JSON.stringify(credentials.kind)}`,
      );
  }
}

/**
 * Creates a TeleCMI provider for one account.
 *
 * ```ts
 * const telecmi = createTelecmi({ credentials: { kind: 'user', token: process.env.TELECMI_USER_TOKEN! } });
 * for await (const call of telecmi.listCalls({ from, to })) console.log(call.id);
 * ```
 */
export function createTelecmi(settings: TelecmiSettings): CallProvider {
  const [secret] = validateSettings(settings) as [Secret];
  const kind: TelecmiCredentialKind = settings.credentials.kind;
  const appId = settings.credentials.kind === 'app' ? settings.credentials.appId : undefined;
  const pageSize = settings.pageSize ?? 10;
  const endpoints = endpointsFor(kind);
  const maxPageSize = Math.min(...endpoints.map((endpoint) => endpoint.maxPageSize));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new InvalidRequestError({
      provider: providerName,
      message: `pageSize must be an integer from 1 to ${maxPageSize}, got ${pageSize}`,
    });
  }
  const host = endpoints[0]!.host;
  const http = new HttpClient({
    ...settings.transport,
    provider: providerName,
    baseUrl: settings.baseUrls?.[host] ?? defaultTelecmiBaseUrls[host],
    secrets: [secret],
  });
  const normalize = createPhoneNormalizer({ defaultRegion: settings.defaultRegion ?? 'IN' });
  const concurrency = settings.concurrency ?? 4;

  const requestBody = (endpoint: TelecmiEndpoint, query: ListCallsQuery, page: number) => {
    const [fromName, toName] = endpoint.windowParameters;
    // The PIOPIY app endpoint defaults to the last 24 hours when the window is absent:
    // the window is always sent, so that default never applies silently.
    const body: Record<string, unknown> = {
      ...endpoint.fixedParameters,
      token: secret.reveal(),
      [fromName]: query.from.getTime(),
      [toName]: query.to.getTime(),
      page,
      limit: pageSize,
    };
    if (appId !== undefined) body.appid = appId;
    return body;
  };

  async function* listEndpoint(
    endpoint: TelecmiEndpoint,
    query: ListCallsQuery,
  ): AsyncGenerator<Call> {
    const label = `POST ${endpoint.path}`;
    yield* paginate({
      pageSize,
      concurrency,
      signal: query.signal,
      getId: (call: Call) => call.id,
      fetchPage: async (page, signal) => {
        const body = await http.requestJson({
          method: 'POST',
          path: endpoint.path,
          endpoint: label,
          json: requestBody(endpoint, query, page),
          signal,
          interpret: interpretTelecmiResponse,
        });
        const parsed = parseResponse(telecmiPageSchema, body, {
          provider: providerName,
          endpoint: label,
        });
        const total =
          parsed[endpoint.totalField] ?? parsed.count ?? parsed.total ?? parsed.cdr.length;
        return {
          items: parsed.cdr.map((record) => mapTelecmiCall(record, endpoint, normalize)),
          total,
        };
      },
    });
  }

  const provider: CallProvider = {
    specificationVersion: CALL_PROVIDER_SPECIFICATION_VERSION,
    provider: providerName,
    name: settings.name ?? `${providerName}:${kind}`,
    capabilities: {
      listCalls: {
        directions: [...new Set(endpoints.map((endpoint) => endpoint.direction))],
        statuses: [...new Set(endpoints.map((endpoint) => endpoint.status))],
      },
      getCall: false,
    },
    async *listCalls(query) {
      assertListQuerySupported(provider, query);
      // The window is fixed here, once: every page of every endpoint asks for the same
      // from/to, so calls arriving during the listing cannot shift it.
      const fixed = { ...query, from: new Date(query.from), to: new Date(query.to) };
      for (const endpoint of endpoints) {
        if (query.status !== undefined && endpoint.status !== query.status) continue;
        if (query.direction !== undefined && endpoint.direction !== query.direction) continue;
        yield* listEndpoint(endpoint, fixed);
      }
    },
    async getCall() {
      throw unsupportedGetCall(provider);
    },
    close: () => http.close(),
  };
  return provider;
}
