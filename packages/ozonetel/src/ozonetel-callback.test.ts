import { InvalidRequestError } from '@cdr/core';
import { describe, expect, test } from 'vitest';
import sample from './__fixtures__/cdr-success.json' with { type: 'json' };
import {
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from './ozonetel-callback.js';

const record = { ...sample.message[0]!, monitorUCID: '25431234567890', Apikey: 'KK7-account-key' };

describe('callback payloads', () => {
  test('a form POST whose data field holds the JSON, as a one-element array', () => {
    const body = new URLSearchParams({ data: JSON.stringify([record]) }).toString();
    const call = parseOzonetelCallback(body, { contentType: 'application/x-www-form-urlencoded' });
    expect(call.id).toBe('25431234567890');
    expect(call.startedAt.toISOString()).toBe('2021-02-09T05:03:53.000Z');
    expect(JSON.stringify(call)).not.toContain('KK7-account-key');
  });

  test('a plain JSON body, object or array, and an already-parsed form', () => {
    expect(parseOzonetelCallback(JSON.stringify(record)).id).toBe('25431234567890');
    expect(
      parseOzonetelCallback(JSON.stringify([record]), { contentType: 'application/json' }).id,
    ).toBe('25431234567890');
    expect(parseOzonetelCallback({ data: JSON.stringify(record) }).id).toBe('25431234567890');
  });

  test('refuses what is not one CDR', () => {
    expect(() => readOzonetelCallbackPayload('data=not-json')).toThrow(InvalidRequestError);
    expect(() => readOzonetelCallbackPayload('[]', 'application/json')).toThrow(/one CDR/);
    expect(() => parseOzonetelCallback({ ...record, StartTime: 'yesterday' })).toThrow(/StartTime/);
  });

  test('verifies the Apikey in constant time', () => {
    expect(verifyOzonetelCallback(record, 'KK7-account-key')).toBe(true);
    expect(verifyOzonetelCallback(record, 'KK7-account-kez')).toBe(false);
    expect(verifyOzonetelCallback({ ...record, Apikey: undefined }, 'KK7-account-key')).toBe(false);
    expect(verifyOzonetelCallback(record, '')).toBe(false);
  });
});
