import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { describe, expect, test } from 'vitest';
import incomingAnswered from './__fixtures__/webhook-incoming-answered.json' with { type: 'json' };
import incomingMissed from './__fixtures__/webhook-incoming-missed.json' with { type: 'json' };
import userMissed from './__fixtures__/webhook-incoming-user-missed.json' with { type: 'json' };
import indiaOutgoingAnswered from './__fixtures__/webhook-india-outgoing-answered.json' with {
  type: 'json',
};
import liveEvent from './__fixtures__/webhook-live-event.json' with { type: 'json' };
import legA from './__fixtures__/webhook-outgoing-answered-leg-a.json' with { type: 'json' };
import legB from './__fixtures__/webhook-outgoing-answered-leg-b.json' with { type: 'json' };
import outgoingMissed from './__fixtures__/webhook-outgoing-missed.json' with { type: 'json' };
import {
  type ParseTelecmiWebhookOptions,
  parseTelecmiWebhook,
  type TelecmiWebhookResult,
} from './parse-telecmi-webhook.js';
import { invalidRequestErrorOf } from './test-support/invalid-request-error-of.js';

// The samples are from 2019–2022: pushes are judged against this clock, not the machine's.
const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });

function callOf(
  body: Parameters<typeof parseTelecmiWebhook>[0],
  options: ParseTelecmiWebhookOptions = {},
) {
  const result: TelecmiWebhookResult = parseTelecmiWebhook(body, options);
  if (result.kind !== 'call') throw new Error(`expected a call, got ${result.kind}`);
  return result.call;
}

describe('the docs sample CDRs map to Calls, in the listings meaning', () => {
  test('incoming answered: the DID in to, the user and the phone that took it, talk seconds', () => {
    const call = callOf(JSON.stringify(incomingAnswered), { contentType: 'application/json' });
    expect(call).toEqual({
      id: '16132200-57fa-47b5-888d-4ab5b7e631ee',
      provider: 'telecmi',
      direction: 'inbound',
      status: 'answered',
      startedAt: new Date(1634720920615),
      // The listings' normalizer: the samples' placeholder numbers are no valid UK numbers.
      from: normalize(440000000002),
      to: normalize(440000000000),
      agent: { id: '204_2222223', phone: normalize(440000000001) },
      durations: { talkSeconds: 11 },
      recording: { fileName: '1634720915260737218351_2222223.mp3' },
      notes: [],
      providerFields: { hangupReason: 'recv_bye', team: 'Sales_2222223' },
      raw: { webhookLegs: [incomingAnswered] },
    });
  });

  test('incoming missed with a voicemail: the wait, the voicemail as the recording', () => {
    const call = callOf(incomingMissed);
    expect(call).toMatchObject({
      id: '4d1f9521-50e5-447d-bf5f-c3292995a727',
      direction: 'inbound',
      status: 'missed',
      durations: { ringSeconds: 127 },
      recording: { fileName: '1634721220656289350027_2222223.mp3' },
      providerFields: { voicemail: 'true', hangupReason: 'recv_bye', team: 'Sales_2222223' },
    });
    expect(call.agent).toBeUndefined();
    expect(call.to?.raw).toBe('440000000000');
  });

  test('outgoing missed: one leg, the customer in to, the caller ID in from', () => {
    const call = callOf(outgoingMissed);
    expect(call).toMatchObject({
      id: '15b58236-734f-4000-a5e8-78284068f5c7',
      direction: 'outbound',
      status: 'missed',
      from: { raw: '440000000000' },
      to: { raw: '442000000000', phoneNumber: '+442000000000' },
      agent: { id: '202_2222223' },
      providerFields: { hangupReason: 'recv_cancel' },
    });
    expect(call.agent?.phone).toBeUndefined();
  });

  test('India outgoing answered: no legs, record as the string "true"', () => {
    const call = callOf(indiaOutgoingAnswered);
    expect(call).toMatchObject({
      id: '760df326-7f03-4b5d-b573-278dec867f13',
      status: 'answered',
      to: { raw: '9100000000', phoneNumber: '+919100000000' },
      agent: { id: '103_1111113' },
      durations: { talkSeconds: 13 },
      recording: { fileName: '157018440105699392452463833_1111113.mp3' },
    });
    expect(call.from).toBeUndefined();
  });

  test("outgoing answered leg a is the user's leg: the phone rung, no customer yet", () => {
    const result = parseTelecmiWebhook(legA);
    expect(result).toMatchObject({ kind: 'call', leg: 'a' });
    const call = (result as Extract<TelecmiWebhookResult, { kind: 'call' }>).call;
    expect(call).toMatchObject({
      id: legA.cmiuuid,
      status: 'answered',
      agent: { id: '202_2222223', phone: { raw: '442000000000' } },
      durations: {},
    });
    expect(call.to).toBeUndefined();
    expect(call.recording).toBeUndefined();
  });

  test('an incoming user-missed leg b with its conversation: a ring attempt, not the outcome', () => {
    const call = callOf({ ...userMissed, conversation_uuid: incomingAnswered.conversation_uuid });
    expect(call.id).toBe(incomingAnswered.conversation_uuid);
    expect(call.status).toBe('unknown');
    expect(call.agent).toBeUndefined();
    expect(call.from?.raw).toBe('440000000000');
  });
});

describe('the call id', () => {
  test('a leg b without conversation_uuid cannot be joined: refused, naming the field', () => {
    const error = invalidRequestErrorOf(() => parseTelecmiWebhook(legB));
    expect(error.message).toMatch(/leg b carries no `conversation_uuid`/);
    expect(error.message).toMatch(/callId/);
  });

  test('callId joins the legs by another field, when an account needs it', () => {
    const callId = (payload: Record<string, unknown>) =>
      typeof payload.call_id === 'string' ? payload.call_id : undefined;
    expect(callOf(legA, { callId }).id).toBe(legA.call_id);
    expect(callOf(legB, { callId }).id).toBe(legA.call_id);
    expect(
      invalidRequestErrorOf(() => parseTelecmiWebhook(incomingAnswered, { callId })).message,
    ).toMatch(/found no call id/);
    expect(
      invalidRequestErrorOf(() => parseTelecmiWebhook(legA, { callId: () => '../etc/passwd' }))
        .message,
    ).toMatch(/call id must be/);
  });
});

describe('live events are recognised and ignored', () => {
  test('type "event" is a typed result, not a Call and not an error', () => {
    expect(parseTelecmiWebhook(liveEvent)).toEqual({
      kind: 'live-event',
      status: 'answered',
    });
    expect(parseTelecmiWebhook({ type: 'event' })).toEqual({
      kind: 'live-event',
      status: undefined,
    });
  });
});

describe('form bodies and GET query strings read like JSON', () => {
  test('every value as text gives the same Call', () => {
    const fields = new URLSearchParams(
      Object.entries(incomingAnswered).map(([name, value]): [string, string] => [
        name,
        String(value),
      ]),
    );
    const fromJson = callOf(incomingAnswered);
    const { raw: _formRaw, ...fromForm } = callOf(fields.toString(), {
      contentType: 'application/x-www-form-urlencoded',
    });
    const { raw: _queryRaw, ...fromQuery } = callOf(fields);
    const { raw: _jsonRaw, ...expected } = fromJson;
    expect(fromForm).toEqual(expected);
    expect(fromQuery).toEqual(expected);
  });
});

describe('what is not a TeleCMI CDR is an InvalidRequestError naming the field, never the value', () => {
  const secret = 'sk-live-secret-1234';
  test.each([
    ['no type', { ...incomingAnswered, type: undefined }, '`type`'],
    ['another type', { ...incomingAnswered, type: secret }, '`type`'],
    ['a direction that is none', { ...incomingAnswered, direction: secret }, '`direction`'],
    ['no cmiuuid', { ...incomingAnswered, cmiuuid: undefined }, '`cmiuuid`'],
    ['an id that is a path', { ...incomingAnswered, cmiuuid: `../${secret}` }, '`cmiuuid`'],
    ['time in seconds', { ...incomingAnswered, time: 1634720920 }, '`time`'],
    ['time as words', { ...incomingAnswered, time: secret }, '`time`'],
    ['a number past 2^53', { ...incomingAnswered, from: 2 ** 60 }, '`from`'],
    ['negative seconds', { ...incomingAnswered, answeredsec: -1 }, '`answeredsec`'],
    ['seconds of a month', { ...incomingAnswered, answeredsec: 1e300 }, '`answeredsec`'],
    ['a leg c', { ...incomingAnswered, leg: secret }, '`leg`'],
    ['a party of a kilobyte', { ...incomingAnswered, from: secret.repeat(100) }, '`from`'],
  ])('%s', (_name, payload, field) => {
    const error = invalidRequestErrorOf(() =>
      parseTelecmiWebhook(payload as Record<string, unknown>),
    );
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(secret);
    expect(error.endpoint).toBe('CDR webhook');
  });

  test('a leg reads the same whatever its age: no clock decides', () => {
    // A day and more ahead of any clock, and years back: both read as given.
    const ahead = Date.parse('2099-01-01T00:00:00Z');
    expect(callOf({ ...incomingAnswered, time: ahead }).startedAt.getTime()).toBe(ahead);
    const old = Date.parse('2001-01-01T00:00:00Z');
    expect(callOf({ ...incomingAnswered, time: old }).startedAt.getTime()).toBe(old);
  });

  test('the clock option parsing once took is refused with where to go instead', () => {
    const options = { now: () => new Date() } as ParseTelecmiWebhookOptions;
    expect(
      invalidRequestErrorOf(() => parseTelecmiWebhook(incomingAnswered, options)).message,
    ).toMatch(/no longer takes `now`.*judge `call\.startedAt` against your clock in your receiver/);
  });

  test('options are checked too: an unknown one is refused', () => {
    expect(
      invalidRequestErrorOf(() =>
        parseTelecmiWebhook(incomingAnswered, { region: 'IN' } as ParseTelecmiWebhookOptions),
      ).message,
    ).toMatch(/parseTelecmiWebhook options/);
  });
});
