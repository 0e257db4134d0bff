import type { Call } from '@cdr/core';
import {
  createPhoneNormalizer,
  keepListedCall,
  type PushRoutes,
  parseResponse,
  type ReceivedPush,
} from '@cdr/core/provider-utils';
import { mapPlivoCall, type PlivoMappingOptions } from './map-plivo-call.js';
import { plivoRecordSchema } from './plivo-schemas.js';
import { type PlivoParams, validatePlivoV3Signature } from './plivo-signature.js';
import type { PlivoSimulator } from './testing/plivo-simulator.js';

/** What the pushes read of an account: its Auth Token (the signing key) and its mapping choices. */
export interface PlivoPushAccount {
  name: string;
  authToken: string;
  mapping: PlivoMappingOptions;
}

/** `CallStatus` of a call not over yet (docs: `ringing`, `in-progress`). */
const notOver = new Set(['ringing', 'in-progress', 'queued']);

const header = (push: ReceivedPush, name: string) => {
  const value = push.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The URL Plivo called: the public URL, then the path and query as received. */
function signedUrl(push: ReceivedPush, publicUrl: string | undefined): string {
  const host = push.headers.host;
  const base = publicUrl?.replace(/\/$/, '') ?? `http://${typeof host === 'string' ? host : ''}`;
  return `${base}${push.url.pathname}${push.url.search}`;
}

/** The parameters Plivo sent: the form of a POST (each name with all its values). */
function paramsOf(push: ReceivedPush): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  if (push.method === 'GET') return params;
  for (const [name, value] of new URLSearchParams(push.body)) {
    params[name] = [...(params[name] ?? []), value];
  }
  return params;
}

/**
 * A hangup callback's form → the Call object's fields, so that a pushed call goes through
 * the listing's own mapping and equals the listed one. The names beyond those the docs list
 * (`StartTime`, `AnswerTime`, `EndTime`, `TotalCost`, `HangupCauseCode`, …) are inferred.
 */
export function plivoCallbackRecord(params: PlivoParams): Record<string, string | null> {
  const one = (name: string) => {
    const value = params[name];
    const text = typeof value === 'string' ? value : value?.[0];
    return text === undefined || text === '' ? null : text;
  };
  const id = one('CallUUID');
  const aLeg = one('ALegUUID');
  return {
    call_uuid: id,
    call_direction: one('Direction'),
    from_number: one('From'),
    to_number: one('To'),
    initiation_time: one('StartTime'),
    answer_time: one('AnswerTime'),
    end_time: one('EndTime'),
    call_duration: one('Duration'),
    bill_duration: one('BillDuration'),
    total_amount: one('TotalCost'),
    total_rate: one('BillRate'),
    parent_call_uuid: aLeg !== null && aLeg !== id ? aLeg : null,
    hangup_cause_code: one('HangupCauseCode'),
    hangup_cause_name: one('HangupCauseName') ?? one('HangupCause'),
    hangup_source: one('HangupSource'),
  };
}

/**
 * Plivo's hangup callbacks (`hangup_url`), one route per account: refused with 403 unless
 * `X-Plivo-Signature-V3` (or `-Ma-V3`) signs the public URL, the form and
 * `X-Plivo-Signature-V3-Nonce` with the account's Auth Token, compared in constant time.
 * Plivo documents no timestamp, so there is no replay window to hold a push to. Callbacks of
 * a call not over are answered and not stored; a call the listing gave is kept as listed (it
 * has `billed_duration`, which callbacks lack).
 */
export const plivoPush: PushRoutes<PlivoPushAccount> = {
  what: 'hangup callbacks',
  route: 'account',
  methods: ['POST', 'GET'],
  signsUrl: true,
  check: 'checked against X-Plivo-Signature-V3 with the Auth Token',
  handler(account, { publicUrl }) {
    const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
    return {
      verify(push) {
        const nonce = header(push, 'x-plivo-signature-v3-nonce');
        const signatures = [
          header(push, 'x-plivo-signature-v3'),
          header(push, 'x-plivo-signature-ma-v3'),
        ].filter((value): value is string => value !== undefined && value !== '');
        if (nonce === undefined || signatures.length === 0)
          return { status: 403, reason: 'no X-Plivo-Signature-V3 and nonce: not signed by Plivo' };
        const request = {
          method: push.method,
          url: signedUrl(push, publicUrl),
          nonce,
          params: paramsOf(push),
        };
        // Both headers are checked, whatever the first says: the time tells nothing.
        const results = signatures.map((signature) =>
          validatePlivoV3Signature(account.authToken, request, signature),
        );
        return results.includes(true)
          ? undefined
          : {
              status: 403,
              reason:
                'the X-Plivo-Signature-V3 does not sign this URL, form and nonce with the account’s Auth Token (is --public-url the URL Plivo calls?)',
            };
      },
      parse(push): Call[] | { ignored: string } {
        const params =
          push.method === 'GET' ? Object.fromEntries(push.url.searchParams) : paramsOf(push);
        const status = plivoCallbackRecordStatus(params);
        if (status !== undefined && notOver.has(status))
          return { ignored: `a call not over yet (${status})` };
        const raw = plivoCallbackRecord(params);
        const record = parseResponse(plivoRecordSchema, raw, {
          provider: 'plivo',
          endpoint: 'hangup callback',
        });
        return [mapPlivoCall(record, normalize, account.mapping, params)];
      },
      // A listed record has `call_uuid`; a callback's form `CallUUID`.
      merge: keepListedCall((raw) => typeof raw === 'object' && raw !== null && 'call_uuid' in raw),
    };
  },
  setup: (account, url) =>
    `Set ${url} as the hangup_url of ${account.name}'s Application (and of calls it makes); Plivo signs it with the account's Auth Token.`,
  simulatedNote: (account) =>
    `Simulated account ${account.name}: hangup callbacks must be signed (X-Plivo-Signature-V3) with the simulator's Auth Token (generated for this run) over the URL called.`,
  testPush(server, url) {
    const simulator = server as PlivoSimulator;
    const call = simulator.calls()[0];
    if (!call) return undefined;
    const push = simulator.hangupCallback(call.id, url);
    return {
      headers: {
        'X-Plivo-Signature-V3': push.headers['x-plivo-signature-v3'] ?? '',
        'X-Plivo-Signature-V3-Nonce': push.headers['x-plivo-signature-v3-nonce'] ?? '',
      },
      form: push.params,
    };
  },
};

function plivoCallbackRecordStatus(params: PlivoParams): string | undefined {
  const value = params.CallStatus;
  return typeof value === 'string' ? value : value?.[0];
}
