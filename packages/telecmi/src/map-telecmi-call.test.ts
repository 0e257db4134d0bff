import { ResponseValidationError } from '@cdr/core';
import { createPhoneNormalizer, parseResponse } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import agentFixture from './__fixtures__/agent-out-missed.json' with { type: 'json' };
import appFixture from './__fixtures__/app-outmissed.json' with { type: 'json' };
import appV2Fixture from './__fixtures__/app-v2-answered.json' with { type: 'json' };
import piopiyMissedFixture from './__fixtures__/piopiy-missed.json' with { type: 'json' };
import userMissedFixture from './__fixtures__/user-missed.json' with { type: 'json' };
import userFixture from './__fixtures__/user-out-cdr.json' with { type: 'json' };
import { mapTelecmiCall } from './map-telecmi-call.js';
import { type TelecmiEndpoint, telecmiEndpoints } from './telecmi-endpoints.js';
import { telecmiPageSchema } from './telecmi-schemas.js';

const endpoint = (id: string) =>
  telecmiEndpoints.find((candidate) => candidate.id === id) as TelecmiEndpoint;
const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });
const mapPage = (body: unknown, id: string) =>
  parseResponse(telecmiPageSchema, body, { provider: 'telecmi', endpoint: id }).cdr.map((record) =>
    mapTelecmiCall(record, endpoint(id), normalize),
  );

describe('the docs sample responses map to Calls', () => {
  test('user out_cdr (answered): ids, times, durations, cost, recording, notes, region', () => {
    const calls = mapPage(userFixture, 'user-out-cdr-answered');
    expect(calls).toHaveLength(10);
    const [first] = calls;
    expect(first).toMatchObject({
      id: '1586633b-a7f9-48d4-b934-4f9befd32a0e',
      provider: 'telecmi',
      direction: 'outbound',
      status: 'answered',
      from: { kind: 'phone', raw: '442000000000' },
      to: { kind: 'phone', raw: '37100000000' },
      durations: { totalSeconds: 15, billedSeconds: 1 },
      cost: { amount: 0.1001 },
      recording: { fileName: '1641771_1000026329497_101_2222223.wav' },
      country: 'LV',
      notes: [],
    });
    expect(first!.startedAt.toISOString()).toBe('2022-01-10T03:58:55.771Z');
    expect(first!.endedAt!.toISOString()).toBe('2022-01-10T03:59:10.771Z');
    expect(first!.raw).toEqual(userFixture.cdr[0]);
    const withNotes = calls.find((call) => call.notes.length > 0)!;
    expect(withNotes.notes).toEqual([
      { text: 'Sales Lead', createdAt: new Date(1655389002028), author: '101_2222223' },
      {
        text: 'Need discount on service',
        createdAt: new Date(1641549977494),
        author: '101_2222223',
      },
    ]);
    expect(calls.at(-1)!.to).toEqual({
      kind: 'phone',
      raw: '919000000000',
      phoneNumber: '+919000000000',
    });
  });

  test('PIOPIY app outmissed: string code, string rate, agent ids in from', () => {
    const calls = mapPage(appFixture, 'piopiy-out-missed');
    expect(calls).toHaveLength(5);
    expect(calls[0]).toMatchObject({
      id: '5d9df5607a2b952710b030dc',
      status: 'missed',
      from: { kind: 'identifier', raw: '209_1111113' },
      agent: { id: '209_1111113' },
      to: { kind: 'phone', raw: '9100000000', phoneNumber: '+919100000000' },
      durations: { billedSeconds: 0 },
      cost: { amount: 0 },
    });
    expect(calls[0]!.to!.name).toBeUndefined();
    expect(calls[4]!.to!.name).toBe('suresh');
    expect(calls[0]!.endedAt).toBeUndefined();
  });

  test('PIOPIY agentOutMissed (trailing comma corrected in the fixture)', () => {
    const calls = mapPage(agentFixture, 'agent-out-missed');
    expect(calls.map((call) => call.id)).toEqual(agentFixture.cdr.map((record) => record._id));
    expect(calls[4]).toMatchObject({
      to: { phoneNumber: '+919500000000', name: 'Adams' },
      agent: { id: '103_1111113' },
    });
  });
});

describe('the incoming endpoints map to inbound Calls', () => {
  test('REST v2 app answered: caller in from, the DID in to, the agent named, the contact name on the caller', () => {
    const [first, second] = mapPage(appV2Fixture, 'app-answered');
    expect(first).toMatchObject({
      id: 'd7ae3a6b-5a8e-4f6b-9c1e-2b8f4e0c9a11',
      direction: 'inbound',
      status: 'answered',
      from: {
        kind: 'phone',
        raw: '919100000000',
        phoneNumber: '+919100000000',
        name: 'Aarav Sharma',
      },
      to: { kind: 'phone', raw: '918000000000' },
      agent: { id: '201_1111112' },
      durations: { totalSeconds: 42, billedSeconds: 42 },
      notes: [{ text: 'Sales Lead', author: '201_1111112' }],
    });
    expect(second!.from!.name).toBeUndefined();
  });

  test('user missed: no `to` (the user is the callee), and none is invented', () => {
    const calls = mapPage(userMissedFixture, 'user-missed');
    expect(calls.map((call) => [call.direction, call.status])).toEqual([
      ['inbound', 'missed'],
      ['inbound', 'missed'],
    ]);
    expect(calls[0]!.to).toBeUndefined();
    expect(calls[1]!.from).toEqual({
      kind: 'phone',
      raw: '919300000000',
      phoneNumber: '+919300000000',
      name: 'Priya Nair',
    });
  });

  test('PIOPIY missed: `total`, `_id`, a string rate, and the currency the account gives', () => {
    const records = parseResponse(telecmiPageSchema, piopiyMissedFixture, {
      provider: 'telecmi',
      endpoint: 'piopiy-missed',
    }).cdr;
    const call = mapTelecmiCall(records[0]!, endpoint('piopiy-missed'), normalize, {
      currency: 'INR',
    });
    expect(call).toMatchObject({
      id: '61a4c2e0b7f3a91d2c4e8f10',
      direction: 'inbound',
      status: 'missed',
      cost: { amount: 0.49, currency: 'INR' },
    });
    const voicemail = mapTelecmiCall(records[0]!, endpoint('piopiy-voicemail'), normalize);
    expect(voicemail.providerFields).toEqual({ voicemail: 'true' });
  });
});

describe('schema drift becomes ResponseValidationError naming the field', () => {
  test.each([
    ['time as a string', { time: '1570162545485' }, 'cdr[0].time'],
    ['no id at all', { _id: undefined }, 'cdr[0].cmiuid'],
    ['rate that is not a number', { rate: 'free' }, 'cdr[0].rate'],
    ['from missing', { from: undefined }, 'cdr[0].from'],
  ])('%s', (_name, change, path) => {
    const record = { ...agentFixture.cdr[0], ...change };
    let error: unknown;
    try {
      mapPage({ ...agentFixture, cdr: [record] }, 'agent-out-missed');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).path).toBe(path);
    expect((error as ResponseValidationError).endpoint).toBe('agent-out-missed');
  });

  test('extra fields pass through into raw', () => {
    const record = { ...agentFixture.cdr[0], brandNewField: { nested: true } };
    const [call] = mapPage({ ...agentFixture, cdr: [record] }, 'agent-out-missed');
    expect((call!.raw as Record<string, unknown>).brandNewField).toEqual({ nested: true });
  });
});
