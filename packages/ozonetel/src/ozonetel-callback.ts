import { createHash, timingSafeEqual } from 'node:crypto';
import { type Call, InvalidRequestError } from '@cdr/core';
import {
  type CountryCode,
  checkCall,
  createPhoneNormalizer,
  parseResponse,
  Redactor,
} from '@cdr/core/provider-utils';
import { mapOzonetelCall, unreadableFieldError } from './map-ozonetel-call.js';
import { ozonetelRecordSchema } from './ozonetel-schemas.js';
import { assertUcid } from './ozonetel-ucid.js';

const endpoint = 'callback';
const provider = 'ozonetel';

/**
 * Reads a callback push into its CDR record: a form POST whose field `data` holds the
 * JSON (sometimes a one-element array), or a plain JSON body (object or array).
 */
export function readOzonetelCallbackPayload(
  body: string | Record<string, unknown>,
  contentType = '',
): Record<string, unknown> {
  let value: unknown = body;
  if (typeof body === 'string') {
    const text = body.trim();
    if (
      contentType.includes('application/x-www-form-urlencoded') ||
      (!text.startsWith('{') && !text.startsWith('['))
    ) {
      const data = new URLSearchParams(text).get('data');
      if (data === null)
        throw new InvalidRequestError({
          provider,
          endpoint,
          message: 'the callback has no `data` field',
        });
      value = data;
    }
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new InvalidRequestError({
          provider,
          endpoint,
          message: 'the callback payload is not JSON',
        });
      }
    }
  } else if (typeof body.data === 'string' && body.monitorUCID === undefined) {
    return readOzonetelCallbackPayload(body.data, 'application/json');
  }
  if (Array.isArray(value)) {
    if (value.length !== 1) {
      throw new InvalidRequestError({
        provider,
        endpoint,
        message: `expected one CDR in the callback, got ${value.length}`,
      });
    }
    value = value[0];
  }
  if (typeof value !== 'object' || value === null) {
    throw new InvalidRequestError({
      provider,
      endpoint,
      message: 'the callback payload is not an object',
    });
  }
  return value as Record<string, unknown>;
}

export interface ParseOzonetelCallbackOptions {
  contentType?: string;
  defaultRegion?: CountryCode;
  /** The account's API key: the push carries it, and no part of the Call may. */
  apiKey?: string;
}

/**
 * Options that were taken once and are refused now, each with where to go instead: a caller
 * who still passes one is told, not silently ignored.
 */
const removedOptions: Record<string, string> = {
  now: 'parseOzonetelCallback no longer takes a clock (`now`): a push is read the same whatever its age; judge `call.startedAt` against your clock in your receiver (README: "Callback payloads")',
};

/**
 * Maps a callback payload to a Call with the same mapping and checks as a lookup: the
 * UCID by the lookup's rule, the times read and consistent, and the account's key removed
 * from every field. The result never depends on when it is parsed: a queue of pushes
 * drained after an outage, a replay from logs and a backfill read as they did live. An age
 * limit is the receiver's to apply, against its own clock.
 */
export function parseOzonetelCallback(
  body: string | Record<string, unknown>,
  options: ParseOzonetelCallbackOptions = {},
): Call {
  for (const name of Object.keys(options)) {
    const instead = removedOptions[name];
    if (instead) throw new InvalidRequestError({ provider, endpoint, message: instead });
  }
  const payload = readOzonetelCallbackPayload(body, options.contentType);
  const record = parseResponse(ozonetelRecordSchema, payload, { provider, endpoint });
  assertUcid(record.monitorUCID, { endpoint });
  const mapped = mapOzonetelCall(
    record,
    createPhoneNormalizer({ defaultRegion: options.defaultRegion ?? 'IN' }),
    payload,
  );
  if (typeof mapped === 'string') throw unreadableFieldError(mapped, { endpoint });
  checkCall(mapped, { provider, endpoint });
  return options.apiKey ? new Redactor([options.apiKey]).scrub(mapped) : mapped;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Checks a callback's `Apikey` against the account's key in constant time: the only
 * authenticity check Ozonetel offers (pushes are not signed).
 */
export function verifyOzonetelCallback(payload: Record<string, unknown>, apiKey: string): boolean {
  const received = payload.Apikey ?? payload.apiKey ?? payload.APIKey;
  if (typeof received !== 'string' || apiKey.length === 0) return false;
  return timingSafeEqual(digest(received), digest(apiKey));
}
