import { type Call, callSchema } from '@cdr/core';
import { callProblems, createPhoneNormalizer } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import { mapPlivoCall, type PlivoMappingOptions, parsePlivoTime } from './map-plivo-call.js';
import { plivoPageSchema, plivoRecordSchema } from './plivo-schemas.js';
import { fixture } from './testing/plivo-fixtures.js';

const normalize = createPhoneNormalizer({ defaultRegion: 'US' });
const options: PlivoMappingOptions = { timeZone: 'UTC', currency: 'USD' };
const map = (record: unknown, extra: Partial<PlivoMappingOptions> = {}): Call =>
  mapPlivoCall(plivoRecordSchema.parse(record), normalize, { ...options, ...extra }, record);

describe('the docs’ samples', () => {
  test('every list fixture parses, and its records map to valid Calls', () => {
    for (const name of ['list-calls-python-sdk.json', 'list-calls-ruby-example.rb.txt']) {
      const page = plivoPageSchema.parse(fixture(name));
      expect(page.objects.length).toBe(2);
      for (const record of page.objects) {
        const call = map(record);
        expect(callSchema.safeParse(call).success).toBe(true);
      }
    }
  });

  test('the Ruby example’s page carries a relative next link, and records with no initiation_time', () => {
    const page = plivoPageSchema.parse(fixture('list-calls-ruby-example.rb.txt'));
    // 14:14:20+05:30 less 47 s.
    expect(map(page.objects[0]).startedAt.toISOString()).toBe('2015-02-08T08:43:33.000Z');
    expect(page.meta.next).toBe('/v1/Account/XXXXXXXXXXXXXXX/Call/?limit=20&offset=20');
    expect(page.meta.total_count).toBe(101);
  });

  test('the list sample, field by field', () => {
    const page = plivoPageSchema.parse(fixture('list-calls-python-sdk.json'));
    const call = map(page.objects[0]);
    expect(call).toMatchObject({
      id: 'eba53b9e-8fbd-45c1-9444-696d2172fbc8',
      provider: 'plivo',
      direction: 'outbound',
      status: 'answered',
      from: { kind: 'phone', raw: '+14158572518', phoneNumber: '+14158572518' },
      to: { kind: 'phone', raw: '14153268174', phoneNumber: '+14153268174' },
      durations: { totalSeconds: 924, talkSeconds: 924, billedSeconds: 960, ringSeconds: 13 },
      cost: { amount: 0.136, currency: 'USD' },
    });
    // 15:44:49+05:30 is 10:14:49 UTC.
    expect(call.startedAt.toISOString()).toBe('2015-07-26T10:14:49.000Z');
    expect(call.endedAt?.toISOString()).toBe('2015-07-26T10:15:14.000Z');
    expect(call.providerFields).toMatchObject({ totalRate: '0.00850', totalAmount: '0.13600' });
    expect(call.providerFields?.parentCallUuid).toBeUndefined();
    expect(callProblems(call)).toEqual([]);
  });

  test('retrieve-a-call: a SIP user is the agent, and an answered call stays answered whatever its cause', () => {
    const call = map(fixture('retrieve-a-call.json'));
    expect(call.status).toBe('answered');
    expect(call.to).toEqual({
      kind: 'identifier',
      raw: 'sip:sam9461399937766203278@phone.plivo.com',
    });
    expect(call.agent?.id).toBe('sam9461399937766203278');
    expect(call.providerFields).toMatchObject({
      hangupCauseCode: '8011',
      hangupCauseName: 'Invalid Answer XML',
      hangupSource: 'Error',
      callState: 'ANSWER',
      stirVerification: 'Not Applicable',
      sourceIp: '92.168.0.1',
    });
    // Sent empty: absent, never ''.
    expect(call.providerFields?.voiceNetworkGroup).toBeUndefined();
    expect(call.cost).toEqual({ amount: 0.01667, currency: 'USD' });
  });

  test('the Call object (inbound), with its comments stripped', () => {
    const call = map(fixture('call-object-inbound.jsonc'));
    expect(call.direction).toBe('inbound');
    expect(call.from?.phoneNumber).toBe('+12025551111');
    expect(call.startedAt.toISOString()).toBe('2022-06-28T14:09:04.000Z');
    expect(call.durations).toEqual({
      totalSeconds: 11,
      talkSeconds: 11,
      billedSeconds: 60,
      ringSeconds: 1,
    });
  });

  test('an unanswered call: missed, zero durations, a zero cost', () => {
    const call = map(fixture('call-unanswered-python-sdk.json'));
    expect(call.status).toBe('missed');
    expect(call.durations).toEqual({ totalSeconds: 0, talkSeconds: 0, billedSeconds: 0 });
    expect(call.cost).toEqual({ amount: 0, currency: 'USD' });
    expect(call.providerFields?.answerTime).toBeUndefined();
    expect(call.to?.phoneNumber).toBe('+919999999999');
  });
});

describe('status of calls not answered', () => {
  const unanswered = fixture('call-unanswered-python-sdk.json') as Record<string, unknown>;
  test.each([
    [1000, 'Canceled', 'missed'],
    [2000, 'Invalid Destination Address', 'failed'],
    [1010, 'Canceled (Out Of Credits)', 'failed'],
    [3000, 'Busy Line', 'busy'],
    [3020, 'No Answer', 'missed'],
    [9999, 'Something New', 'missed'],
  ])('cause %i (%s) → %s', (code, name, status) => {
    expect(map({ ...unanswered, hangup_cause_code: code, hangup_cause_name: name }).status).toBe(
      status,
    );
  });

  test('an account’s own table wins over the defaults', () => {
    const record = { ...unanswered, hangup_cause_code: 1000, hangup_cause_name: 'Canceled' };
    expect(map(record, { hangupCauseStatuses: { '1000': 'failed' } }).status).toBe('failed');
  });
});

describe('times', () => {
  test('an offset is read; no offset means the account’s zone', () => {
    expect(parsePlivoTime('2022-06-28 19:39:05+05:30', 'UTC')?.toISOString()).toBe(
      '2022-06-28T14:09:05.000Z',
    );
    expect(parsePlivoTime('2022-06-28 19:39:05-0400', 'UTC')?.toISOString()).toBe(
      '2022-06-28T23:39:05.000Z',
    );
    expect(parsePlivoTime('2022-06-28 19:39:05', 'Asia/Kolkata')?.toISOString()).toBe(
      '2022-06-28T14:09:05.000Z',
    );
    expect(parsePlivoTime(null, 'UTC')).toBeUndefined();
  });

  test('a time sent but unreadable is left invalid for the kit to refuse', () => {
    for (const bad of ['2022-02-30 10:00:00+05:30', 'yesterday', '2022-06-28 19:39:05+25:00']) {
      expect(Number.isNaN(parsePlivoTime(bad, 'UTC')?.getTime())).toBe(true);
    }
    const record = { ...(fixture('retrieve-a-call.json') as object), end_time: 'soon' };
    expect(callProblems(map(record)).map((issue) => issue.path)).toContain('endedAt');
  });

  test('a duration or amount sent but unreadable is left invalid', () => {
    const record = {
      ...(fixture('retrieve-a-call.json') as object),
      bill_duration: '-3',
      total_amount: 'n/a',
    };
    const paths = callProblems(map(record)).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['durations.talkSeconds', 'cost.amount']));
  });
});
