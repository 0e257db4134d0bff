import { readFileSync } from 'node:fs';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import { mapVonageCall, parseVonageTime } from './map-vonage-call.js';
import { vonagePageSchema, vonageRecordSchema } from './vonage-schemas.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });
const recordsOf = (name: string) => {
  const page = vonagePageSchema.parse(fixture(name));
  return (page._embedded?.calls ?? []).map((record) => vonageRecordSchema.parse(record));
};

describe('the docs’ samples parse', () => {
  test('the list page of the Python SDK: one record, a next link', () => {
    const page = vonagePageSchema.parse(fixture('list-calls-filter.json'));
    expect(page.count).toBe(3);
    expect(page._links?.next?.href).toBe('/v1/calls?page_size=1&record_index=2');
    expect(recordsOf('list-calls-filter.json')).toHaveLength(1);
  });
  test('the spec’s example page (.NET SDK data): no next link', () => {
    const page = vonagePageSchema.parse(fixture('list-calls-spec.json'));
    expect(page._links?.next).toBeUndefined();
    expect(recordsOf('list-calls-spec.json')).toHaveLength(1);
  });
  test('one call, and the cancelled leg of issue #443', () => {
    expect(vonageRecordSchema.parse(fixture('get-call.json')).uuid).toBe(
      'e154eb57-2962-41e7-baf4-90f63e25e439',
    );
    expect(vonageRecordSchema.parse(fixture('list-calls-cancelled-fragment.json')).status).toBe(
      'cancelled',
    );
  });
});

describe('mapVonageCall', () => {
  test('a completed outbound leg, field by field (list_calls_filter.json)', () => {
    const raw = (fixture('list-calls-filter.json') as { _embedded: { calls: unknown[] } })._embedded
      .calls[0];
    const call = mapVonageCall(vonageRecordSchema.parse(raw), normalize, raw);
    expect(call).toEqual({
      id: '1acdf499-83ae-4861-a694-9e47a98c505d',
      provider: 'vonage',
      direction: 'outbound',
      status: 'answered',
      from: { kind: 'phone', raw: '9876543210' },
      to: { kind: 'phone', raw: '1234567890' },
      startedAt: new Date('2024-04-18T16:01:51.000Z'),
      endedAt: new Date('2024-04-18T16:01:53.000Z'),
      durations: { totalSeconds: 2 },
      cost: { amount: 0.00333333, currency: 'EUR' },
      notes: [],
      providerFields: {
        status: 'completed',
        direction: 'outbound',
        conversationUuid: 'CON-ee83ad86-ee21-4c28-bf7d-4ae67692721e',
        network: '23420',
        ratePerMinute: '0.10000000',
        fromType: 'phone',
        toType: 'phone',
      },
      raw,
    });
  });

  test('E.164 without its + becomes E.164, the raw number kept (the spec’s sample)', () => {
    const [record] = recordsOf('list-calls-spec.json');
    const call = mapVonageCall(record!, normalize);
    expect(call.to).toEqual({
      kind: 'phone',
      raw: '447700900000',
      phoneNumber: '+447700900000',
    });
    expect(call.from?.phoneNumber).toBe('+447700900001');
  });

  test('the spec’s zone-less `YYYY-MM-DD HH:MM:SS` is read as UTC; a leg not over is unknown', () => {
    const [record] = recordsOf('list-calls-spec.json');
    const call = mapVonageCall(record!, normalize);
    expect(call.startedAt).toEqual(new Date('2020-01-01T12:00:00Z'));
    expect(call.status).toBe('unknown');
    expect(call.cost).toEqual({ amount: 23.4, currency: 'EUR' });
  });

  test('the currency is a setting: the record names none', () => {
    const call = mapVonageCall(
      vonageRecordSchema.parse(fixture('get-call.json')),
      normalize,
      {},
      {
        currency: 'USD',
      },
    );
    expect(call.cost).toEqual({ amount: 0.00333333, currency: 'USD' });
  });

  test('a cancelled leg with empty times: missed, zero cost, no place in time (the kit rejects it)', () => {
    const record = vonageRecordSchema.parse(fixture('list-calls-cancelled-fragment.json'));
    const call = mapVonageCall(record, normalize);
    expect(call.status).toBe('missed');
    expect(call.direction).toBe('inbound');
    expect(Number.isNaN(call.startedAt.getTime())).toBe(true);
    expect(call.endedAt).toBeUndefined();
    expect(call.durations).toEqual({ totalSeconds: 0 });
    expect(call.cost).toEqual({ amount: 0, currency: 'EUR' });
    expect(call.from).toEqual({ kind: 'identifier', raw: 'xxx' });
  });

  test.each([
    ['busy', 'busy'],
    ['failed', 'failed'],
    ['rejected', 'missed'],
    ['timeout', 'missed'],
    ['unanswered', 'missed'],
    ['machine', 'answered'],
    ['ringing', 'unknown'],
    ['something-new', 'unknown'],
  ])('status %s → %s', (status, expected) => {
    const record = vonageRecordSchema.parse({ ...(fixture('get-call.json') as object), status });
    expect(mapVonageCall(record, normalize).status).toBe(expected);
  });

  test('app, SIP, WebSocket and VBC endpoints are identifiers; an app user is the agent', () => {
    const base = fixture('get-call.json') as object;
    const call = mapVonageCall(
      vonageRecordSchema.parse({
        ...base,
        from: { type: 'app', user: 'alice' },
        to: [{ type: 'sip', uri: 'sip:bob@example.com' }],
      }),
      normalize,
    );
    expect(call.from).toEqual({ kind: 'identifier', raw: 'alice' });
    expect(call.to).toEqual({ kind: 'identifier', raw: 'sip:bob@example.com' });
    expect(call.agent).toEqual({ id: 'alice' });
    const vbc = mapVonageCall(
      vonageRecordSchema.parse({
        ...base,
        to: { type: 'vbc', extension: '1234' },
        from: { type: 'websocket', uri: 'wss://example.com/socket' },
      }),
      normalize,
    );
    expect(vbc.to).toEqual({ kind: 'identifier', raw: '1234' });
    expect(vbc.from).toEqual({ kind: 'identifier', raw: 'wss://example.com/socket' });
  });

  test('values sent but unreadable stay invalid for the kit’s check', () => {
    const record = vonageRecordSchema.parse({
      ...(fixture('get-call.json') as object),
      end_time: '2024-02-30T00:00:00.000Z',
      duration: '2.5',
      price: 'free',
    });
    const call = mapVonageCall(record, normalize);
    expect(Number.isNaN(call.endedAt?.getTime())).toBe(true);
    expect(call.durations.totalSeconds).toBeNaN();
    expect(call.cost?.amount).toBeNaN();
  });

  test('a recording_url (the .NET model’s field) is the recording', () => {
    const record = vonageRecordSchema.parse({
      ...(fixture('get-call.json') as object),
      recording_url: 'https://api.nexmo.com/v1/files/abc',
    });
    expect(mapVonageCall(record, normalize).recording).toEqual({
      url: 'https://api.nexmo.com/v1/files/abc',
    });
  });
});

describe('parseVonageTime', () => {
  test.each([
    ['2024-04-19T01:34:18.000Z', '2024-04-19T01:34:18.000Z'],
    ['2024-04-19T01:34:18Z', '2024-04-19T01:34:18.000Z'],
    ['2020-01-01 12:00:00', '2020-01-01T12:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseVonageTime(text)?.toISOString()).toBe(iso);
  });
  test('absent, null and "" are absent; an offset or garbage is invalid', () => {
    expect(parseVonageTime(undefined)).toBeUndefined();
    expect(parseVonageTime(null)).toBeUndefined();
    expect(parseVonageTime('')).toBeUndefined();
    expect(parseVonageTime('2024-04-19T01:34:18+02:00')?.getTime()).toBeNaN();
    expect(parseVonageTime('yesterday')?.getTime()).toBeNaN();
  });
});
