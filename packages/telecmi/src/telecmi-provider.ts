import type { CallProvider } from '@cdr/core';
import {
  baseUrlSetting,
  createCallProvider,
  isCurrencyCode,
  type ListingSource,
  type ProviderContext,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
  type TransportOptions,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { checkTelecmiPage } from './check-telecmi-page.js';
import { mapTelecmiCall } from './map-telecmi-call.js';
import {
  secretOf,
  type TelecmiCredentials,
  telecmiCredentialsSchema,
} from './telecmi-credentials.js';
import {
  defaultTelecmiBaseUrls,
  endpointsFor,
  hostOf,
  type TelecmiEndpoint,
  type TelecmiEndpointGroup,
  type TelecmiHost,
  telecmiEndpoints,
} from './telecmi-endpoints.js';
import { interpretTelecmiResponse } from './telecmi-error.js';
import { telecmiPackage } from './telecmi-package.js';
import { type TelecmiRecord, telecmiPageSchema } from './telecmi-schemas.js';

/** Transport settings a user may tune; the provider sets the rest. */
export type TelecmiTransportOptions = TransportOptions;

export interface TelecmiSettings extends ProviderKitSettings {
  credentials: TelecmiCredentials;
  /**
   * Other hosts: simulators, proxies. Once any is given, the host the credential uses must
   * be given too: a setup that overrides `rest` for a PIOPIY credential would otherwise send
   * it to the production PIOPIY host.
   */
  baseUrls?: Partial<Record<TelecmiHost, string>>;
  /** Records per page. Default: the largest each endpoint allows (20 for REST apps, else 10). */
  pageSize?: number;
  /**
   * Which endpoint serves a group of calls, by endpoint id, or `false` to leave the group
   * out: `{ 'inbound-answered': 'user-answered' }`, `{ voicemail: 'piopiy-voicemail' }`.
   * See `telecmiEndpoints`.
   */
  endpoints?: Partial<Record<TelecmiEndpointGroup, string | false>>;
  /** ISO 4217 code of the amounts in `rate`, which TeleCMI does not state. Default: none. */
  currency?: string;
}

const providerName = 'telecmi';
const endpointGroups: readonly TelecmiEndpointGroup[] = [
  'inbound-answered',
  'inbound-missed',
  'outbound-answered',
  'outbound-missed',
  'voicemail',
];

const settingsSchema = z
  .strictObject({
    ...providerSettingsShape,
    credentials: telecmiCredentialsSchema,
    baseUrls: z
      .strictObject({ rest: baseUrlSetting.optional(), piopiy: baseUrlSetting.optional() })
      .optional(),
    pageSize: z.number().int().min(1).max(20).optional(),
    endpoints: z
      .partialRecord(z.enum(endpointGroups), z.union([z.string(), z.literal(false)]))
      .optional(),
    currency: z.string().refine(isCurrencyCode, 'expected an ISO 4217 code such as INR').optional(),
  })
  .superRefine((settings, context) => {
    const kind = settings.credentials.kind;
    const host = hostOf(kind);
    if (settings.baseUrls && settings.baseUrls[host] === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['baseUrls', host],
        message: `a ${kind} credential calls the ${host} host: once baseUrls is given it must name ${host} too, or the credential would go to ${defaultTelecmiBaseUrls[host]}`,
      });
    }
    for (const [group, choice] of Object.entries(settings.endpoints ?? {})) {
      if (choice === false || choice === undefined) continue;
      const known = telecmiEndpoints.filter(
        (endpoint) => endpoint.credentialKind === kind && endpoint.group === group,
      );
      if (!known.some((endpoint) => endpoint.id === choice)) {
        context.addIssue({
          code: 'custom',
          path: ['endpoints', group],
          message: `a ${kind} credential has no endpoint "${choice}" for ${group}; ${
            known.length > 0
              ? `choose ${known.map((endpoint) => `"${endpoint.id}"`).join(' or ')}`
              : 'it serves none'
          }, or false`,
        });
      }
    }
    const chosen = endpointsFor(kind, settings.endpoints);
    const largest = Math.max(0, ...chosen.map((endpoint) => endpoint.maxPageSize));
    if (settings.pageSize !== undefined && settings.pageSize > largest) {
      context.addIssue({
        code: 'custom',
        path: ['pageSize'],
        message: `a ${kind} credential's endpoints take at most ${largest} records a page`,
      });
    }
    if (chosen.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['endpoints'],
        message: 'every endpoint is left out: the provider would list nothing',
      });
    }
  });

function endpointSource(
  endpoint: TelecmiEndpoint,
  credentials: TelecmiCredentials,
  settings: TelecmiSettings,
  { http, phone }: ProviderContext,
): ListingSource {
  const label = `POST ${endpoint.path}`;
  const pageSize = Math.min(settings.pageSize ?? endpoint.maxPageSize, endpoint.maxPageSize);
  const [fromName, toName] = endpoint.windowParameters;
  const appId = 'appId' in credentials ? credentials.appId : undefined;
  const mapping = { currency: settings.currency };
  return {
    paging: 'page-number',
    endpoint:
      endpoint.fixedParameters?.type === undefined
        ? label
        : `${label} (type ${endpoint.fixedParameters.type})`,
    directions: [endpoint.direction],
    statuses: [endpoint.status],
    pageSize,
    // Pages wait for their turn as checked records; each becomes a Call when read.
    map: (record) => mapTelecmiCall(record as TelecmiRecord, endpoint, phone, mapping),
    fetchRecords: async ({ window, page, signal }) => {
      // The window is always sent: app endpoints default to the last 24 hours without it.
      const body: Record<string, unknown> = {
        ...endpoint.fixedParameters,
        ...(appId !== undefined ? { appid: appId } : {}),
        [endpoint.secretParameter]: secretOf(credentials),
        [fromName]: window.from.getTime(),
        [toName]: window.to.getTime(),
        page,
        limit: pageSize,
      };
      const answer = await http.requestJson({
        method: 'POST',
        path: endpoint.path,
        endpoint: label,
        json: body,
        signal,
        interpret: (context) => interpretTelecmiResponse(context, endpoint),
      });
      // Checked by hand when it can be (no copy of each record); the schema otherwise.
      const parsed =
        checkTelecmiPage(answer) ??
        parseResponse(telecmiPageSchema, answer, {
          provider: providerName,
          instance: http.instance,
          endpoint: label,
        });
      const total =
        parsed[endpoint.totalField] ?? parsed.count ?? parsed.total ?? parsed.cdr.length;
      return { total, records: parsed.cdr };
    },
  };
}

/**
 * Creates a TeleCMI provider for one account.
 *
 * ```ts
 * const telecmi = createTelecmi({ credentials: { kind: 'rest-user', token: process.env.TELECMI_USER_TOKEN! } });
 * for await (const call of telecmi.listCalls({ from, to })) console.log(call.id, call.direction);
 * ```
 */
/**
 * Checks settings as `createTelecmi` does (strictly: an unknown or bad setting is an
 * `InvalidRequestError` naming it) without creating a provider: for tools that read
 * accounts from a file.
 */
export function parseTelecmiSettings(
  input: unknown,
  what = 'createTelecmi settings',
): TelecmiSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as TelecmiSettings;
}

export function createTelecmi(input: TelecmiSettings): CallProvider {
  return telecmiProviderOf(parseTelecmiSettings(input));
}

/** `createTelecmi` with settings already checked: the descriptor's accounts, parsed once. */
export function telecmiProviderOf(settings: TelecmiSettings): CallProvider {
  const { credentials } = settings;
  const kind = credentials.kind;
  const host = hostOf(kind);
  return createCallProvider({
    provider: providerName,
    package: telecmiPackage,
    name: settings.name ?? `${providerName}:${kind}`,
    baseUrl: settings.baseUrls?.[host] ?? defaultTelecmiBaseUrls[host],
    secrets: [secretOf(credentials)],
    settings,
    sources: (context) =>
      endpointsFor(kind, settings.endpoints).map((endpoint) =>
        endpointSource(endpoint, credentials, settings, context),
      ),
  });
}
