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
import { mapPlivoCall } from './map-plivo-call.js';
import { interpretPlivoResponse } from './plivo-error.js';
import { plivoPageSchema } from './plivo-schemas.js';

// TODO(plivo): the documented base URL, list endpoint and largest page.
export const defaultPlivoBaseUrl = 'https://api.plivo.invalid';
const listPath = '/v1/calls';
const maxPageSize = 100;
const providerName = 'plivo';

export interface PlivoSettings extends ProviderKitSettings {
  /** TODO(plivo): the account's credentials, as the docs name them. */
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
 * An Plivo account as a cdr provider. The kit (`createCallProvider`) supplies the
 * transport, paging, window and filter checks, secret scrubbing and the rest: this file
 * says only how to ask for one page and how to read it.
 */
export function createPlivo(input: PlivoSettings): CallProvider {
  return plivoProviderOf(parsePlivoSettings(input));
}

/** Checks settings as `createPlivo` does (strictly), without creating a provider. */
export function parsePlivoSettings(input: unknown, what = 'createPlivo settings'): PlivoSettings {
  return parseOptions(settingsSchema, input, { what, provider: providerName }) as PlivoSettings;
}

/** `createPlivo` with settings already checked: the descriptor's accounts, parsed once. */
export function plivoProviderOf(settings: PlivoSettings): CallProvider {
  const pageSize = settings.pageSize ?? maxPageSize;
  const endpoint = `GET ${listPath}`;
  return createCallProvider({
    provider: providerName,
    name: settings.name ?? providerName,
    baseUrl: settings.baseUrl ?? defaultPlivoBaseUrl,
    secrets: [settings.apiKey],
    headers: { authorization: `Bearer ${settings.apiKey}` },
    settings,
    // TODO(plivo): one source per endpoint (or per direction/status group the API serves
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
            interpret: interpretPlivoResponse,
          });
          const parsed = parseResponse(plivoPageSchema, body, { provider: providerName, endpoint });
          const received = (body as { records: unknown[] }).records;
          return {
            total: parsed.total,
            calls: parsed.records.map((record, index) =>
              mapPlivoCall(record, phone, received[index]),
            ),
          };
        },
      },
    ],
  });
}
