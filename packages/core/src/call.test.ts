import { describe, expect, test } from 'vitest';
import { type Call, callSchema, parseCall } from './call.js';

const call: Call = {
  id: 'abc',
  provider: 'acme',
  direction: 'outbound',
  status: 'answered',
  from: { kind: 'identifier', raw: '103_1111113' },
  to: { kind: 'phone', raw: '9100000000', phoneNumber: '+919100000000', name: 'Adams' },
  startedAt: new Date('2022-01-10T03:58:55.771Z'),
  endedAt: new Date('2022-01-10T03:59:10.771Z'),
  durations: { totalSeconds: 15, billedSeconds: 1 },
  cost: { amount: 0.1001 },
  recording: { fileName: 'x.wav' },
  agent: { id: '103_1111113' },
  notes: [
    { text: 'Sales Lead', createdAt: new Date('2022-06-16T14:16:42.028Z'), author: '101_2222223' },
  ],
  country: 'IN',
  raw: { cmiuid: 'abc', nested: [1, 'two'] },
};

describe('callSchema', () => {
  test('survives a JSON round trip, Dates included', () => {
    const json = JSON.stringify(call);
    expect(json).toContain('"startedAt":"2022-01-10T03:58:55.771Z"');
    expect(parseCall(JSON.parse(json))).toEqual(call);
  });

  test('rejects a call without an id or with an unknown status', () => {
    expect(callSchema.safeParse({ ...call, id: '' }).success).toBe(false);
    expect(callSchema.safeParse({ ...call, status: 'ringing' }).success).toBe(false);
    expect(callSchema.safeParse({ ...call, startedAt: 'yesterday' }).success).toBe(false);
  });
});
