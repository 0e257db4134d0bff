import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type Call,
  type CountryCode,
  createPhoneNormalizer,
  InvalidRequestError,
  parseResponse,
} from '@cdr/core';
import { mapOzonetelCall, unreadableFieldError } from './map-ozonetel-call.js';
import { ozonetelRecordSchema } from './ozonetel-schemas.js';

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

/** Maps a callback payload to a Call with the same mapping and validation as `getCall`. */
export function parseOzonetelCallback(
  body: string | Record<string, unknown>,
  options: { contentType?: string; defaultRegion?: CountryCode } = {},
): Call {
  const payload = readOzonetelCallbackPayload(body, options.contentType);
  const record = parseResponse(ozonetelRecordSchema, payload, { provider, endpoint });
  const mapped = mapOzonetelCall(
    record,
    createPhoneNormalizer({ defaultRegion: options.defaultRegion ?? 'IN' }),
    payload,
  );
  if (typeof mapped === 'string') throw unreadableFieldError(record, mapped, { endpoint });
  return mapped;
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
