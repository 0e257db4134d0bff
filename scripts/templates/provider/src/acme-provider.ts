import type { CallProvider } from '@cdr/core';
import {
  baseUrlSetting,
  createCallProvider,
  credentialSetting,
  type ProviderKitSettings,
  parseOptions,
  parseResponse,
  providerSettingsShape,
} from '@cdr/core/provider-utils';
import { z } from 'zod';
import { interpretAcmeResponse } from './acme-error.js';
import { acmePageSchema } from './acme-schemas.js';
import { mapAcmeCall } from './map-acme-call.js';

// TODO(acme): the documented base URL, list endpoint and largest page.
export const defaultAcmeBaseUrl = 'https://api.acme.invalid';
const listPath = '/v1/calls';
const maxPageSize = 100;
const providerName = 'acme';

export interface AcmeSettings extends ProviderKitSettings {
  /** TODO(acme): the account's credentials, as the docs name them. */
  apiKey: string;
  /** Another host: a simulator, a proxy, a region. */
  baseUrl?: string;
  /** Records per page. Default the largest the API allows. */
  pageSize?: number;
}

// Strict: an unknown or mistyped setting is an InvalidRequestError naming it, at creation.
const settingsSchema = z.strictObject({
  ...providerSettingsShape,
  apiKey: credentialSetting('an API key'),
  baseUrl: baseUrlSetting.optional(),
  pageSize: z.number().int().min(1).max(maxPageSize).optional(),
});

/**
 * An Acme account as a cdr provider. The kit (`createCallProvider`) supplies the
 * transport, paging, window and filter checks, secret scrubbing and the rest: this file
 * says only how to ask for one page and how to read it.
 */
export function createAcme(input: AcmeSettings): CallProvider {
  return acmeProviderOf(parseAcmeSettings(input));
}

/** Checks settings as `createAcme` does (strictly), without creating a provider. */
export function parseAcmeSettings(input: unknown, what = 'createAcme settings'): AcmeSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as AcmeSettings;
}

/** `createAcme` with settings already checked: the descriptor's accounts, parsed once. */
export function acmeProviderOf(settings: AcmeSettings): CallProvider {
  const pageSize = settings.pageSize ?? maxPageSize;
  const endpoint = `GET ${listPath}`;
  return createCallProvider({
    provider: providerName,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? defaultAcmeBaseUrl,
    secrets: [settings.apiKey],
    headers: { authorization: `Bearer ${settings.apiKey}` },
    settings,
    // TODO(acme): one source per endpoint (or per direction/status group the API serves
    // apart); a cursor-paged API declares `paging: 'cursor'` with fetchFirst/fetchNext.
    sources: ({ http, phone }) => [
      {
        paging: 'page-number',
        endpoint,
        directions: ['inbound', 'outbound'],
        statuses: ['answered', 'missed'],
        pageSize,
        fetchPage: async ({ window, page, signal }) => {
          const body = await http.requestJson({
            method: 'GET',
            path: listPath,
            endpoint,
            query: { from: window.from.getTime(), to: window.to.getTime(), page, limit: pageSize },
            signal,
            interpret: interpretAcmeResponse,
          });
          const parsed = parseResponse(acmePageSchema, body, { provider: providerName, endpoint });
          const received = (body as { records: unknown[] }).records;
          return {
            total: parsed.total,
            calls: parsed.records.map((record, index) =>
              mapAcmeCall(record, phone, received[index]),
            ),
          };
        },
      },
    ],
  });
}
