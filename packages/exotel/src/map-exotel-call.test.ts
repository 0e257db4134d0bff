import { readFileSync } from 'node:fs';
import { InvalidRequestError, ResponseValidationError } from '@cdr/core';
import { checkCall, createPhoneNormalizer } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import {
  exotelCallDetailsSchema,
  exotelErrorBodySchema,
  exotelPageSchema,
  exotelStatusCallbackSchema,
} from './exotel-schemas.js';
import {
  exotelDirection,
  exotelStatus,
  mapExotelCall,
  parseExotelStatusCallback,
} from './map-exotel-call.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const phone = createPhoneNormalizer();
const ist = { timeZone: 'Asia/Kolkata' };

describe('the docs samples parse', () => {
  test.each([
    ['bulk-call-details.json', exotelPageSchema],
    ['call-details.json', exotelCallDetailsSchema],
    ['status-callback.json', exotelStatusCallbackSchema],
    ['rate-limited.json', exotelErrorBodySchema],
  ] as const)('%s', (name, schema) => {
    expect(schema.safeParse(fixture(name)).success).toBe(true);
  });
});

describe('Bulk Call Details record → Call', () => {
  test('the published page: DateCreated in IST, string Duration and Price, raw kept', () => {
    const body = fixture('bulk-call-details.json') as { Calls: unknown[] };
    const page = exotelPageSchema.parse(body);
    expect(page.Metadata?.NextPageUri).toBe('/v1/Accounts/<sid>/Calls.json?After=xyz...');
    const call = mapExotelCall(page.Calls[0]!, phone, { ...ist, currency: 'INR' }, body.Calls[0]);
    expect(call).toMatchObject({
      id: 'c5797dcbaaeed7678c4062a4a3ed2f8a',
      provider: 'exotel',
      direction: 'outbound',
      status: 'answered',
      startedAt: new Date('2019-12-03T05:18:33Z'),
      durations: { totalSeconds: 45 },
      cost: { amount: 1.5, currency: 'INR' },
      recording: { url: 'https://...' },
      from: { raw: '0XXXXX30240' },
      to: { raw: '0XXXXX38847' },
      agent: { phone: { raw: '0XXXXX30240' } },
      providerFields: { Direction: 'outbound-api', Status: 'completed' },
      notes: [],
    });
    expect(call.raw).toBe(body.Calls[0]);
    expect(call.endedAt).toBeUndefined();
    expect(call.durations.talkSeconds).toBeUndefined();
  });

  test('single Call Details with details=true: end, talk time, legs, nulls absent', () => {
    const body = fixture('call-details.json') as { Call: unknown };
    const call = mapExotelCall(exotelCallDetailsSchema.parse(body).Call, phone, ist, body.Call);
    expect(call).toMatchObject({
      id: 'b6cfaf5f5cef3ca0fc937749ef96d245',
      startedAt: new Date('2017-03-03T05:18:33Z'),
      endedAt: new Date('2017-03-03T05:19:50Z'),
      durations: { totalSeconds: 17, talkSeconds: 8 },
      cost: { amount: 1.5 },
      recording: { url: 'https://s3-ap-southeast-1.amazonaws.com/.../recording.mp3' },
    });
    expect(call.cost).not.toHaveProperty('currency');
    expect(call.providerFields).toEqual({
      Direction: 'outbound-api',
      Status: 'completed',
      StartTime: '2017-03-03 10:48:33',
      EndTime: '2017-03-03 10:49:50',
      PhoneNumberSid: '0XXXXXX4890',
      Leg1Status: 'completed',
      Leg2Status: 'completed',
    });
    expect(call.providerFields).not.toHaveProperty('ParentCallSid');
    expect(call.providerFields).not.toHaveProperty('AnsweredBy');
  });

  test('another zone reads the same wall time as another instant', () => {
    const page = exotelPageSchema.parse(fixture('bulk-call-details.json'));
    const call = mapExotelCall(page.Calls[0]!, phone, { timeZone: 'Asia/Singapore' });
    expect(call.startedAt).toEqual(new Date('2019-12-03T02:48:33Z'));
  });

  test('inbound: parties as E.164, the agent from Details.Leg2To', () => {
    const call = mapExotelCall(
      {
        Sid: 'a'.repeat(32),
        DateCreated: '2026-11-24 10:00:00',
        Status: 'no-answer',
        Direction: 'inbound',
        From: '09876543210',
        To: '08047112233',
        Details: { Leg2To: '09123456789' },
      },
      phone,
      ist,
    );
    expect(call.from).toEqual({ kind: 'phone', raw: '09876543210', phoneNumber: '+919876543210' });
    expect(call.agent?.phone?.phoneNumber).toBe('+919123456789');
    expect(call.status).toBe('missed');
    expect(call.direction).toBe('inbound');
  });

  test('a DateCreated that is no date-time is a ResponseValidationError', () => {
    expect(() =>
      mapExotelCall(
        {
          Sid: 'b'.repeat(32),
          DateCreated: 'yesterday',
          Status: 'completed',
          Direction: 'inbound',
        },
        phone,
        ist,
      ),
    ).toThrow(ResponseValidationError);
  });

  test.each([
    ['an EndTime before DateCreated', { EndTime: '2026-11-24 09:00:00' }, 'endedAt'],
    ['an EndTime that is no date-time', { EndTime: '2026-11-24 25:00:00' }, 'endedAt'],
    ['a hexadecimal Duration', { Duration: '0x10' }, 'durations.totalSeconds'],
    ['an exponent Duration', { Duration: '1e1' }, 'durations.totalSeconds'],
    ['a Price that is no decimal', { Price: 'free' }, 'cost.amount'],
  ])('%s: left for the kit to refuse, never dropped from a kept call', (_what, change, path) => {
    const call = mapExotelCall(
      {
        Sid: 'c'.repeat(32),
        DateCreated: '2026-11-24 10:00:00',
        Status: 'completed',
        Direction: 'inbound',
        ...change,
      },
      phone,
      ist,
    );
    expect(() => checkCall(call, { provider: 'exotel', endpoint: 'test' })).toThrow(
      `call ${'c'.repeat(32)}.${path}`,
    );
  });
});

test.each([
  ['inbound', 'inbound'],
  ['outbound-api', 'outbound'],
  ['outbound-dial', 'outbound'],
  ['something-new', 'unknown'],
])('Direction %s → %s', (value, expected) => {
  expect(exotelDirection(value)).toBe(expected);
});

test.each([
  ['completed', 'answered'],
  ['no-answer', 'missed'],
  ['canceled', 'missed'],
  ['busy', 'busy'],
  ['failed', 'failed'],
  ['in-progress', 'unknown'],
  ['queued', 'unknown'],
  ['ringing', 'unknown'],
])('Status %s → %s', (value, expected) => {
  expect(exotelStatus(value)).toBe(expected);
});

describe('StatusCallback → Call', () => {
  test('the published JSON payload', () => {
    const payload = fixture('status-callback.json');
    const call = parseExotelStatusCallback(JSON.stringify(payload), {
      contentType: 'application/json',
    });
    expect(call).toMatchObject({
      id: '80bfbec2d78bbbf10fb851f4fa165211',
      direction: 'outbound',
      status: 'answered',
      startedAt: new Date('2024-01-15T08:55:10Z'),
      endedAt: new Date('2024-01-15T09:00:45Z'),
      durations: { talkSeconds: 320 },
      from: { phoneNumber: '+919876543210' },
      to: { phoneNumber: '+919123456789' },
      providerFields: { CustomField: 'order_12345', EventType: 'terminal' },
    });
    expect(call.raw).toEqual(payload);
    expect(parseExotelStatusCallback(payload).id).toBe(call.id);
  });

  test('a form body (the default), with only the fields always sent', () => {
    const form =
      'CallSid=80bfbec2d78bbbf10fb851f4fa165211&DateUpdated=2024-01-15+14%3A30%3A45&Status=busy&RecordingUrl=';
    const call = parseExotelStatusCallback(form, {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(call).toMatchObject({
      id: '80bfbec2d78bbbf10fb851f4fa165211',
      status: 'busy',
      direction: 'unknown',
      startedAt: new Date('2024-01-15T09:00:45Z'),
    });
    expect(call.recording).toBeUndefined();
    expect(parseExotelStatusCallback(new URLSearchParams(form)).id).toBe(call.id);
  });

  test('a form with ConversationDuration as text', () => {
    const call = parseExotelStatusCallback(
      'CallSid=abc&DateUpdated=2024-01-15%2014:30:45&DateCreated=2024-01-15%2014:25:10&Status=completed&ConversationDuration=12&Direction=inbound',
    );
    expect(call.durations.talkSeconds).toBe(12);
    expect(call.direction).toBe('inbound');
  });

  test.each([
    ['no CallSid', 'Status=completed&DateUpdated=2024-01-15+14%3A30%3A45'],
    ['broken JSON', '{"CallSid":'],
    ['a bad date', 'CallSid=abc&Status=completed&DateUpdated=soon'],
  ])('%s is an InvalidRequestError', (_name, body) => {
    expect(() => parseExotelStatusCallback(body)).toThrow(InvalidRequestError);
  });
});
