import { InvalidRequestError } from '@cdr/core';
import { startTestServer } from '@cdr/core/testing';
import { describe, expect, test } from 'vitest';
import sample from './__fixtures__/cdr-success.json' with { type: 'json' };
import {
  parseOzonetelCallback,
  readOzonetelCallbackPayload,
  verifyOzonetelCallback,
} from './ozonetel-callback.js';
import { OzonetelSimulator } from './testing/ozonetel-simulator.js';

const record = { ...sample.message[0]!, monitorUCID: '25431234567890', Apikey: 'KK7-account-key' };

describe('callback payloads', () => {
  test('a form POST whose data field holds the JSON, as a one-element array', () => {
    const body = new URLSearchParams({ data: JSON.stringify([record]) }).toString();
    const call = parseOzonetelCallback(body, {
      contentType: 'application/x-www-form-urlencoded',
    });
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

  test('one rule for pushes and lookups: UCIDs, dates and times out of range are refused', () => {
    for (const ucid of ['../../etc', '1'.repeat(500_000), '12 34', '']) {
      expect(
        () => parseOzonetelCallback({ ...record, monitorUCID: ucid }),
        ucid.slice(0, 20),
      ).toThrow(InvalidRequestError);
    }
    expect(() => parseOzonetelCallback({ ...record, EndTime: '2021-02-09 10:00:00' })).toThrow(
      /endedAt: expected an end at or after the start/,
    );
    expect(() => parseOzonetelCallback({ ...record, Duration: '9999999:00:00' })).toThrow(
      /durations.talkSeconds/,
    );
  });

  test('a push reads the same whatever its age: no clock decides (the doc sample is from 2021)', () => {
    // Parsed today, in 45 days or in 400: the 2021 sample and a 2099 date both read as given.
    expect(parseOzonetelCallback(record).startedAt.toISOString()).toBe('2021-02-09T05:03:53.000Z');
    const later = { ...record, StartTime: '2099-01-01 10:00:00', EndTime: '2099-01-01 10:05:00' };
    expect(parseOzonetelCallback(later).startedAt.toISOString()).toBe('2099-01-01T04:30:00.000Z');
  });

  test('the clock option that parsing once took is refused with where to go instead', () => {
    const options = { now: () => new Date() } as Parameters<typeof parseOzonetelCallback>[1];
    expect(() => parseOzonetelCallback(record, options)).toThrow(
      /no longer takes a clock.*judge `call\.startedAt` against your clock in your receiver/,
    );
    expect(() => parseOzonetelCallback(record, options)).toThrow(InvalidRequestError);
  });

  test('the account key is scrubbed from every field, not only Apikey', () => {
    const leaky = {
      ...record,
      apiKey: 'KK7-account-key',
      Comments: 'key was KK7-account-key',
      AudioFile: `https://recordings.example.invalid/a.mp3?key=${encodeURIComponent('KK7-account-key')}`,
    };
    const call = parseOzonetelCallback(leaky, { apiKey: 'KK7-account-key' });
    expect(JSON.stringify(call)).not.toContain('KK7-account-key');
    expect(call.recording?.url).toContain('[REDACTED]');
    expect(call.providerFields?.Comments).toBe('key was [REDACTED]');
  });

  test('verifies the Apikey in constant time', () => {
    expect(verifyOzonetelCallback(record, 'KK7-account-key')).toBe(true);
    expect(verifyOzonetelCallback(record, 'KK7-account-kez')).toBe(false);
    expect(verifyOzonetelCallback({ ...record, Apikey: undefined }, 'KK7-account-key')).toBe(false);
    expect(verifyOzonetelCallback(record, '')).toBe(false);
  });
});

describe('the simulator pushes callbacks as Ozonetel does', () => {
  test.each(['form', 'form-array', 'json'] as const)('%s', async (encoding) => {
    const simulator = await OzonetelSimulator.start({
      calls: 3,
      seed: 11,
      now: Date.parse('2026-11-24T12:00:00+05:30'),
    });
    const bodies: { body: string; contentType: string }[] = [];
    const receiver = await startTestServer((request, response, body) => {
      bodies.push({ body, contentType: request.headers['content-type'] ?? '' });
      response.writeHead(204);
      response.end();
    });
    try {
      const [call] = simulator.calls();
      expect(await simulator.pushCallback(receiver.url, call!.ucid, encoding)).toBe(204);
      const [{ body, contentType }] = bodies as [{ body: string; contentType: string }];
      const payload = readOzonetelCallbackPayload(body, contentType);
      expect(verifyOzonetelCallback(payload, simulator.apiKey)).toBe(true);
      expect(parseOzonetelCallback(body, { contentType }).id).toBe(call!.ucid);
    } finally {
      await Promise.all([receiver.close(), simulator.stop()]);
    }
  });
});
