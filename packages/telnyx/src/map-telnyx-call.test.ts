import { readFileSync } from 'node:fs';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import { mapTelnyxCall, parseTelnyxInstant } from './map-telnyx-call.js';
import {
  telnyxErrorBodySchema,
  telnyxPageSchema,
  telnyxRecordSchema,
  telnyxWebhookSchema,
} from './telnyx-schemas.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
const webrtcPage = fixture('webrtc-detail-records.json') as { data: Record<string, unknown>[] };
const webrtc = webrtcPage.data[0]!;
const map = (record: Record<string, unknown>) =>
  mapTelnyxCall(telnyxRecordSchema.parse(record), normalize, record);

describe('the docs samples', () => {
  test('every fixture parses with its schema', () => {
    expect(telnyxPageSchema.parse(webrtcPage).meta.total_results).toBe(1);
    expect(telnyxPageSchema.parse(fixture('search-detail-records-messaging.json')).meta).toEqual({
      total_pages: 3,
      total_results: 55,
      page_number: 2,
      page_size: 25,
    });
    for (const name of [
      'rate-limited-429.json',
      'error-400-record-type.json',
      'error-401.json',
      'error-404.json',
      'error-503.json',
    ])
      expect(telnyxErrorBodySchema.parse(fixture(name)).errors[0]?.code).toMatch(/^\d+$/);
    // The published CallHangup example is the `data` of a webhook.
    expect(telnyxWebhookSchema.parse({ data: fixture('call-hangup.json') }).data.event_type).toBe(
      'call.hangup',
    );
  });

  test('a messaging record is no voice record (no id, no started_at)', () => {
    const messaging = (fixture('search-detail-records-messaging.json') as { data: unknown[] })
      .data[0];
    expect(telnyxRecordSchema.safeParse(messaging).success).toBe(false);
  });

  test('the WebRTC call record maps field by field', () => {
    const call = map(webrtc);
    expect(call).toEqual({
      id: '4b679aae-b7e7-11ef-9fe0-02420aef3920',
      provider: 'telnyx',
      direction: 'outbound',
      status: 'answered',
      from: { kind: 'phone', raw: '+15127376291', phoneNumber: '+15127376291' },
      to: { kind: 'phone', raw: '+18008648331', phoneNumber: '+18008648331' },
      startedAt: new Date('2024-12-11T17:42:30Z'),
      endedAt: new Date('2024-12-11T17:43:24Z'),
      durations: { totalSeconds: 54, talkSeconds: 50, billedSeconds: 60 },
      cost: { amount: 0.002, currency: 'USD' },
      agent: { id: 'myagent01' },
      notes: [],
      providerFields: {
        recordType: 'webrtc_detail_record',
        direction: 'outbound',
        sessionId: '4b679edc-b7e7-11ef-adfb-02420aef3920',
        legId: '4b679aae-b7e7-11ef-9fe0-02420aef3920',
        connectionId: '2519141575053804765',
        connectionName: 'js-sdk-p2',
        rate: '0.002',
        cost: '0.002',
        billingGroupId: '60',
        paymentMethod: 'rate-deck',
        webrtcCallId: '064d6317-4837-41e2-8795-cfc304ced4d1',
        webrtcSessionId: '63149763-3850-4f9a-b9cf-7babe1be98f8',
      },
      raw: webrtc,
    });
  });
});

describe('status, as Telnyx documents none for call records', () => {
  test.each([
    [{ call_sec: 12 }, 'answered'],
    [{ call_sec: 0 }, 'missed'],
    [{ call_sec: 0, connected: false }, 'missed'],
    [{ call_sec: undefined, connected: true }, 'answered'],
    [{ call_sec: 0, attempted: false }, 'failed'],
    [{ call_sec: undefined }, 'unknown'],
  ])('%j is %s', (fields, status) => {
    expect(map({ ...webrtc, ...fields }).status).toBe(status);
  });

  test('another direction is unknown, its word kept', () => {
    const call = map({ ...webrtc, direction: 'sideways' });
    expect(call.direction).toBe('unknown');
    expect(call.providerFields?.direction).toBe('sideways');
  });
});

describe('values sent but unreadable stay invalid for the kit to quarantine', () => {
  test.each([
    ['started_at', '2024-12-11 17:42:30'],
    ['started_at', '2024-02-31T17:42:30Z'],
    ['started_at', '2024-12-11T17:42:30+05:30'],
  ])('%s %s', (field, value) => {
    expect(Number.isNaN(map({ ...webrtc, [field]: value }).startedAt.getTime())).toBe(true);
  });

  test('a duration or cost that is no number', () => {
    const call = map({ ...webrtc, call_sec: '5s', cost: 'free' });
    expect(call.durations.talkSeconds).toBeNaN();
    expect(call.cost?.amount).toBeNaN();
  });

  test('absent means absent: empty strings give no field', () => {
    const call = map({
      ...webrtc,
      cli: '',
      finished_at: '',
      cost: '',
      currency: '',
      auth_username: '',
    });
    expect(call).not.toHaveProperty('from');
    expect(call).not.toHaveProperty('endedAt');
    expect(call).not.toHaveProperty('cost');
    expect(call).not.toHaveProperty('agent');
    expect(call.durations).toEqual({ talkSeconds: 50, billedSeconds: 60 });
  });
});

test('answered_at (call-control, sip-trunking) gives the ringing time; unreadable, it is invalid', () => {
  expect(map({ ...webrtc, answered_at: '2024-12-11T17:42:34Z' }).durations).toEqual({
    totalSeconds: 54,
    talkSeconds: 50,
    ringSeconds: 4,
    billedSeconds: 60,
  });
  expect(map({ ...webrtc, answered_at: 'soon' }).durations.ringSeconds).toBeNaN();
});

test('webhook instants keep milliseconds and cut the rest', () => {
  expect(parseTelnyxInstant('2018-02-02T22:25:27.521992Z')).toEqual(
    new Date('2018-02-02T22:25:27.521Z'),
  );
  expect(parseTelnyxInstant(undefined)).toBeUndefined();
});
