import { checkCall, createPhoneNormalizer, parseResponse } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import listCalls from './__fixtures__/list-calls.json' with { type: 'json' };
import { mapTwilioCall, parseRfc2822 } from './map-twilio-call.js';
import { twilioCallPageSchema, twilioCallSchema } from './twilio-schemas.js';

const phone = createPhoneNormalizer({ defaultRegion: 'US' });
const page = parseResponse(twilioCallPageSchema, listCalls, {
  provider: 'twilio',
  endpoint: 'fixture',
});
const map = (record: unknown) =>
  mapTwilioCall(
    parseResponse(twilioCallSchema, record, { provider: 'twilio', endpoint: 'fixture' }),
    phone,
    record,
  );

describe('the docs sample (readFullPage1)', () => {
  test('parses, with its cursor', () => {
    expect(page.calls).toHaveLength(2);
    expect(page.next_page_uri).toContain('PageToken=PACAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0');
  });

  test('maps the outbound-api call field by field', () => {
    const call = map(listCalls.calls[0]);
    expect(call).toEqual({
      id: 'CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      provider: 'twilio',
      direction: 'outbound',
      status: 'answered',
      from: {
        kind: 'phone',
        raw: '+13051416799',
        phoneNumber: '+13051416799',
        name: 'callerid1',
      },
      to: { kind: 'phone', raw: '+13051913581', phoneNumber: '+13051913581' },
      startedAt: new Date('2019-10-18T17:02:00Z'),
      endedAt: new Date('2019-10-18T17:03:00Z'),
      durations: { totalSeconds: 4 },
      cost: { amount: 0.2, currency: 'USD' },
      notes: [],
      providerFields: {
        direction: 'outbound-api',
        status: 'completed',
        parentCallSid: 'CAdeadbeefdeadbeefdeadbeefdeadbeef',
        accountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        price: '-0.200',
        priceUnit: 'USD',
        answeredBy: 'machine_start',
        forwardedFrom: 'calledvia1',
        phoneNumberSid: 'PNdeadbeefdeadbeefdeadbeefdeadbeef',
        groupSid: 'GPdeadbeefdeadbeefdeadbeefdeadbeef',
        trunkSid: 'TKdeadbeefdeadbeefdeadbeefdeadbeef',
        queueTimeMs: '1000',
        recordingsUri:
          '/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Recordings.json',
      },
      raw: listCalls.calls[0],
    });
  });

  test('maps the inbound call, its JPY price and its parent leg', () => {
    const call = map(listCalls.calls[1]);
    expect(call.direction).toBe('inbound');
    expect(call.cost).toEqual({ amount: 0.1, currency: 'JPY' });
    expect(call.startedAt).toEqual(new Date('2019-10-18T16:02:00Z'));
    expect(call.providerFields?.parentCallSid).toBe('CAdeadbeefdeadbeefdeadbeefdeadbeee');
  });
});

describe('direction and status', () => {
  const base = listCalls.calls[0];
  test.each([
    ['inbound', 'inbound'],
    ['outbound-api', 'outbound'],
    ['outbound-dial', 'outbound'],
    ['trunking-originating', 'inbound'],
    ['trunking-terminating', 'outbound'],
    ['something-new', 'unknown'],
  ])('%s → %s, raw kept', (raw, direction) => {
    const call = map({ ...base, direction: raw });
    expect(call.direction).toBe(direction);
    expect(call.providerFields?.direction).toBe(raw);
  });

  test.each([
    ['completed', 'answered'],
    ['busy', 'busy'],
    ['no-answer', 'missed'],
    ['canceled', 'missed'],
    ['failed', 'failed'],
    ['queued', 'unknown'],
    ['ringing', 'unknown'],
    ['in-progress', 'unknown'],
  ])('%s → %s, raw kept', (raw, status) => {
    const call = map({ ...base, status: raw });
    expect(call.status).toBe(status);
    expect(call.providerFields?.status).toBe(raw);
  });
});

describe('absent and late values stay absent', () => {
  const base = listCalls.calls[0];
  test('a price not there yet: no cost, no price field', () => {
    const call = map({ ...base, price: null });
    expect(call.cost).toBeUndefined();
    expect(call.providerFields?.price).toBeUndefined();
    expect(call.providerFields?.priceUnit).toBe('USD');
  });

  test('a busy call: no end, no duration', () => {
    const call = map({ ...base, status: 'busy', end_time: null, duration: null, price: '' });
    expect(call.endedAt).toBeUndefined();
    expect(call.durations).toEqual({});
    expect(call.cost).toBeUndefined();
  });

  test('a zero price is a zero cost (not -0)', () => {
    expect(Object.is(map({ ...base, price: '-0.000' }).cost?.amount, 0)).toBe(true);
  });

  test('never dialled (empty start_time): placed at date_created', () => {
    const call = map({ ...base, start_time: null });
    expect(call.startedAt).toEqual(new Date('2019-10-18T17:00:00Z'));
  });

  test('client and SIP parties are identifiers', () => {
    const call = map({
      ...base,
      to: 'client:alice',
      from: 'sip:bob@example.com',
      caller_name: null,
    });
    expect(call.to).toEqual({ kind: 'identifier', raw: 'client:alice' });
    expect(call.from).toEqual({ kind: 'identifier', raw: 'sip:bob@example.com' });
  });
});

describe('a field Twilio sent but that cannot be read is left for the kit to refuse, never guessed', () => {
  const record = listCalls.calls[0]!;
  const context = { provider: 'twilio', endpoint: 'fixture' };
  test.each([
    [
      'start_time on 31 February (no fall back to date_created)',
      { start_time: 'Sat, 31 Feb 2026 10:00:00 +0000' },
      'startedAt',
    ],
    ['start_time garbage', { start_time: 'soon' }, 'startedAt'],
    ['end_time at 24:00:00', { end_time: 'Fri, 18 Oct 2019 24:00:00 +0000' }, 'endedAt'],
    ['an offset of +9999', { end_time: 'Fri, 18 Oct 2019 17:03:00 +9999' }, 'endedAt'],
    ['a hexadecimal duration', { duration: '0x10' }, 'durations.totalSeconds'],
    ['an exponent duration', { duration: '1e1' }, 'durations.totalSeconds'],
    ['a price that is no decimal', { price: '-0.2x' }, 'cost.amount'],
    ['a currency that is no ISO 4217 code', { price_unit: '<b>' }, 'cost.currency'],
  ])('%s', (_what, change, path) => {
    const call = map({ ...record, ...change });
    expect(() => checkCall(call, context)).toThrow(`call ${record.sid}.${path}`);
  });

  test('the same record as sent reads cleanly', () => {
    expect(() => checkCall(map(record), context)).not.toThrow();
  });
});

test('RFC 2822 only', () => {
  expect(parseRfc2822('Fri, 18 Oct 2019 17:02:00 +0000')).toEqual(new Date('2019-10-18T17:02:00Z'));
  expect(parseRfc2822('Fri, 18 Oct 2019 22:32:00 +0530')).toEqual(new Date('2019-10-18T17:02:00Z'));
  expect(parseRfc2822('2019-10-18T17:02:00Z')?.getTime()).toBeNaN();
  expect(parseRfc2822('')).toBeUndefined();
  expect(parseRfc2822(null)).toBeUndefined();
});
