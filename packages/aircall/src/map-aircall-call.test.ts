import { readFileSync } from 'node:fs';
import { callProblems, createPhoneNormalizer, parseResponse } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import {
  aircallCallSchema,
  aircallErrorBodySchema,
  aircallPageSchema,
  aircallWebhookSchema,
} from './aircall-schemas.js';
import { fromUnixSeconds, mapAircallCall } from './map-aircall-call.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
const read = (record: unknown) =>
  mapAircallCall(
    parseResponse(aircallCallSchema, record, { provider: 'aircall', endpoint: 't' }),
    normalize,
    record,
  );

describe('the docs’ samples', () => {
  test('every fixture parses with its schema', () => {
    const page = parseResponse(aircallPageSchema, fixture('list-calls.json'), {
      provider: 'aircall',
      endpoint: 't',
    });
    expect(page.meta).toMatchObject({ total: 3, next_page_link: null });
    expect(page.calls).toHaveLength(1);
    const empty = aircallPageSchema.parse(fixture('list-calls-empty.json'));
    expect(empty).toMatchObject({ calls: [], meta: { total: 0, next_page_link: null } });
    expect(aircallCallSchema.safeParse(fixture('call-reference.json')).success).toBe(true);
    expect(aircallWebhookSchema.parse(fixture('webhook-call-created.json')).event).toBe(
      'call.created',
    );
    expect(aircallErrorBodySchema.parse(fixture('error-page-out-of-bound.json')).errors).toMatch(
      /10k results/,
    );
  });

  test('Fixture A (a live outbound call) maps field by field', () => {
    const raw = (fixture('list-calls.json') as { calls: unknown[] }).calls[0];
    const call = read(raw);
    expect(call).toMatchObject({
      id: '4186780376',
      provider: 'aircall',
      direction: 'outbound',
      status: 'answered',
      from: {
        kind: 'phone',
        raw: '+1 984-314-0278',
        phoneNumber: '+19843140278',
        name: '<number name>',
      },
      to: { kind: 'phone', raw: '+1 617-610-5413', phoneNumber: '+16176105413' },
      startedAt: new Date(1790603050_000),
      endedAt: new Date(1790603071_000),
      durations: { totalSeconds: 22, ringSeconds: 3, talkSeconds: 18 },
      cost: { amount: 0, currency: 'USD' },
      recording: { url: 'REDACTED' },
      agent: { id: '2078847', name: '<agent name>' },
      notes: [],
      country: 'US',
    });
    expect(call.providerFields).toEqual({
      direction: 'outbound',
      status: 'done',
      sid: 'CA2384f2d631dfb2d1bf831a227605ee91',
      answeredAt: '1790603053',
      asset: 'https://assets.aircall.io/calls/4186780376/recording',
      cost: '0.0',
      numberId: '1389850',
      archived: 'false',
    });
    expect(call.raw).toBe(raw);
    expect(callProblems(call)).toEqual([]);
  });

  test('Fixture C (the reference example): cents, a comment as a note, no recording', () => {
    const call = read(fixture('call-reference.json'));
    expect(call).toMatchObject({
      id: '812',
      direction: 'outbound',
      status: 'answered',
      from: { phoneNumber: '+33176111111', name: 'French Office' },
      to: { phoneNumber: '+18001234567' },
      durations: { totalSeconds: 11, ringSeconds: 6, talkSeconds: 5 },
      cost: { amount: 0.0234, currency: 'USD' },
      agent: { id: '456', name: 'John Doe' },
      notes: [
        {
          text: 'Please call back this customer!',
          createdAt: new Date(1587994808_000),
          author: '456',
        },
      ],
    });
    expect(call.recording).toBeUndefined();
    expect(callProblems(call)).toEqual([]);
  });

  test('Fixture D (a call.created webhook): a call not over yet is unknown, with no total', () => {
    const webhook = aircallWebhookSchema.parse(fixture('webhook-call-created.json'));
    const call = read(webhook.data);
    expect(call).toMatchObject({
      id: '123',
      direction: 'outbound',
      status: 'unknown',
      to: { phoneNumber: '+18001234567' },
      startedAt: new Date(1732622895_000),
      durations: {},
      providerFields: { sid: 'CAed058bba60a84d62c77cee898a852b05', status: 'initial' },
    });
    expect(call.endedAt).toBeUndefined();
    expect(call.from).toBeUndefined();
    expect(call.agent).toBeUndefined();
  });
});

describe('decisions where the docs are loose', () => {
  const base = (fixture('list-calls.json') as { calls: Record<string, unknown>[] }).calls[0]!;

  test('a done call never answered is missed; a voicemail is its recording', () => {
    const call = read({
      ...base,
      direction: 'inbound',
      answered_at: null,
      recording: null,
      voicemail: 'https://v/1.mp3',
      missed_call_reason: 'no_available_agent',
    });
    expect(call).toMatchObject({
      direction: 'inbound',
      status: 'missed',
      from: { phoneNumber: '+16176105413' },
      to: { phoneNumber: '+19843140278' },
      recording: { url: 'https://v/1.mp3' },
      durations: { totalSeconds: 22 },
      providerFields: { missedCallReason: 'no_available_agent', voicemail: 'https://v/1.mp3' },
    });
  });

  test('an anonymous caller is kept as an identifier', () => {
    expect(read({ ...base, direction: 'inbound', raw_digits: 'anonymous' }).from).toMatchObject({
      raw: 'anonymous',
    });
    expect(
      read({ ...base, direction: 'inbound', raw_digits: 'anonymous' }).from?.phoneNumber,
    ).toBeUndefined();
  });

  test('instants as digit strings are read; unreadable ones are left invalid for the kit', () => {
    expect(read({ ...base, started_at: '1790603050' }).startedAt).toEqual(new Date(1790603050_000));
    expect(Number.isNaN(read({ ...base, started_at: '2026-09-28' }).startedAt.getTime())).toBe(
      true,
    );
    expect(Number.isNaN(read({ ...base, ended_at: -5 }).endedAt?.getTime())).toBe(true);
    expect(callProblems(read({ ...base, cost: 'free' }))).not.toEqual([]);
    expect(fromUnixSeconds(null)).toBeUndefined();
  });

  test('the cost currency is a setting; false keeps the cost as text only', () => {
    const record = aircallCallSchema.parse({ ...base, cost: '250' });
    expect(mapAircallCall(record, normalize, base, { costCurrency: 'EUR' }).cost).toEqual({
      amount: 2.5,
      currency: 'EUR',
    });
    const none = mapAircallCall(record, normalize, base, { costCurrency: false });
    expect(none.cost).toBeUndefined();
    expect(none.providerFields?.cost).toBe('250');
  });

  test('a record with no id fails its schema', () => {
    expect(aircallCallSchema.safeParse({ ...base, id: undefined }).success).toBe(false);
    expect(aircallCallSchema.safeParse({ ...base, id: 'abc' }).success).toBe(false);
  });
});
