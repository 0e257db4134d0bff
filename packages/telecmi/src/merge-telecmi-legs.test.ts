import { type Call, parseCall } from '@cdr/core';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { seededRandom } from '@cdr/core/testing';
import { describe, expect, test } from 'vitest';
import incomingAnswered from './__fixtures__/webhook-incoming-answered.json' with { type: 'json' };
import userMissed from './__fixtures__/webhook-incoming-user-missed.json' with { type: 'json' };
import liveEvent from './__fixtures__/webhook-live-event.json' with { type: 'json' };
import sampleLegA from './__fixtures__/webhook-outgoing-answered-leg-a.json' with { type: 'json' };
import sampleLegB from './__fixtures__/webhook-outgoing-answered-leg-b.json' with { type: 'json' };
import { mapTelecmiCall } from './map-telecmi-call.js';
import { maxTelecmiLegs, mergeTelecmiLegs } from './merge-telecmi-legs.js';
import { parseTelecmiWebhook } from './parse-telecmi-webhook.js';
import { invalidRequestErrorOf } from './test-support/invalid-request-error-of.js';

type Payload = Record<string, unknown>;

// The outbound samples as NOTES.md has the webhooks: every leg names its conversation.
const legA: Payload = { ...sampleLegA, conversation_uuid: sampleLegA.cmiuuid };
const legB: Payload = { ...sampleLegB, conversation_uuid: sampleLegA.cmiuuid };
// An inbound call and two users rung who did not answer it.
const conversation = incomingAnswered.conversation_uuid;
const attempt = (cmiuuid: string, user: string): Payload => ({
  ...userMissed,
  conversation_uuid: conversation,
  cmiuuid,
  user,
});
const firstAttempt = attempt('e3e26d27-7b42-4679-a8a0-96b7d5e21dc7', '302_2222223');
const secondAttempt = attempt('0b6e4d1c-2f0a-4d8e-9a51-7c3b2e1f0a99', '303_2222223');

/** What a store does to a Call: JSON out, `parseCall` back. */
const stored = (call: Call): Call => parseCall(JSON.parse(JSON.stringify(call)));

/** Delivers payloads one by one, as a receiver would: parse, merge with the stored Call, store. */
function deliver(payloads: readonly Payload[]): Call | undefined {
  let store: Call | undefined;
  for (const payload of payloads) {
    const result = parseTelecmiWebhook(payload);
    if (result.kind !== 'call') continue;
    const merged = mergeTelecmiLegs(store === undefined ? undefined : stored(store), result.call);
    // Idempotent: a leg already merged changes nothing.
    if (store !== undefined) expect(mergeTelecmiLegs(stored(merged), result.call)).toEqual(merged);
    store = stored(merged);
  }
  return store;
}

/** Every sequence of up to `maximum` deliveries drawn from `alphabet` that holds each leg at least once. */
function* sequences(legs: readonly Payload[], extras: readonly Payload[], maximum: number) {
  const alphabet = [...legs, ...extras];
  function* grow(prefix: Payload[]): Generator<Payload[]> {
    if (legs.every((leg) => prefix.includes(leg))) yield prefix;
    if (prefix.length === maximum) return;
    for (const next of alphabet) yield* grow([...prefix, next]);
  }
  yield* grow([]);
}

describe('two legs, one Call: whichever arrives first, however often', () => {
  test('an outbound answered call: every order and repetition of legs a and b and live events', () => {
    const reference = deliver([legA, legB])!;
    expect(reference).toMatchObject({
      id: sampleLegA.cmiuuid,
      direction: 'outbound',
      status: 'answered',
      from: { raw: '440000000000' },
      // The customer and the recording from leg b, the user's phone from leg a.
      to: { raw: '442000000001' },
      agent: { id: '202_2222223', phone: { raw: '442000000000' } },
      recording: { fileName: sampleLegB.filename },
      durations: { talkSeconds: 6 },
      providerFields: { hangupReason: 'sent_bye' },
      raw: { webhookLegs: [legB, legA] },
    });
    let count = 0;
    for (const sequence of sequences([legA, legB], [liveEvent], 6)) {
      expect(
        deliver(sequence),
        sequence.map((payload) => payload.leg ?? payload.type).join(' '),
      ).toEqual(reference);
      count++;
    }
    expect(count).toBeGreaterThan(600);
  });

  test('an inbound call and the users rung before it was answered: the call decides the outcome', () => {
    const reference = deliver([incomingAnswered, firstAttempt, secondAttempt])!;
    expect(reference).toMatchObject({
      id: conversation,
      status: 'answered',
      agent: { id: '204_2222223' },
      durations: { talkSeconds: 11 },
    });
    expect((reference.raw as { webhookLegs: unknown[] }).webhookLegs).toHaveLength(3);
    for (const sequence of sequences([incomingAnswered, firstAttempt, secondAttempt], [], 4)) {
      expect(deliver(sequence)).toEqual(reference);
    }
  });

  test('one leg alone is a Call already, completed by the other', () => {
    expect(deliver([legB])).toMatchObject({ to: { raw: '442000000001' } });
    expect(deliver([legB])!.agent?.phone).toBeUndefined();
    expect(deliver([legA])!.to).toBeUndefined();
  });

  test('two different deliveries of one leg: the fuller is kept, whichever came first', () => {
    const { filename: _filename, record: _record, ...partialB } = legB;
    const forward = deliver([legA, partialB, legB]);
    const backward = deliver([legB, legA, partialB]);
    expect(forward).toEqual(backward);
    expect(forward!.recording?.fileName).toBe(sampleLegB.filename);
    const otherReason = { ...legB, hangup_reason: 'recv_bye' };
    expect(deliver([legB, otherReason])).toEqual(deliver([otherReason, legB]));
  });

  test(`at most ${maxTelecmiLegs} legs are kept, the same ones in any order`, () => {
    const random = seededRandom(7);
    const attempts = Array.from({ length: 24 }, (_unused, index) =>
      attempt(`attempt-${String(index).padStart(2, '0')}`, `${400 + index}_2222223`),
    );
    const orders = Array.from({ length: 5 }, () =>
      [incomingAnswered, ...attempts]
        .map((payload) => ({ payload, key: random() }))
        .sort((left, right) => left.key - right.key)
        .map(({ payload }) => payload),
    );
    const results = orders.map((order) => deliver(order));
    for (const result of results) expect(result).toEqual(results[0]);
    const legs = (results[0]!.raw as { webhookLegs: Payload[] }).webhookLegs;
    expect(legs).toHaveLength(maxTelecmiLegs);
    expect(legs[0]).toEqual(incomingAnswered);
    expect(results[0]!.status).toBe('answered');
  });
});

describe('with Calls that are not webhook legs', () => {
  const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });
  const listed = mapTelecmiCall(
    {
      cmiuid: sampleLegA.cmiuuid,
      time: sampleLegA.time,
      from: '440000000000',
      to: 442000000001,
      duration: 21,
      billedsec: 6,
      rate: 0.0023,
      filename: 'listed.wav',
    },
    { direction: 'outbound', status: 'answered' },
    normalize,
  );
  const pushed = () => deliver([legA])!;

  test('a listed Call is the fuller record: a leg merged into it leaves it as it is', () => {
    expect(mergeTelecmiLegs(stored(listed), pushed())).toEqual(stored(listed));
  });

  test('a listed Call replaces the legs merged so far', () => {
    expect(mergeTelecmiLegs(pushed(), listed)).toBe(listed);
  });

  test('Calls of two calls, of another provider, or with a broken stored leg are refused', () => {
    const other = deliver([incomingAnswered])!;
    expect(invalidRequestErrorOf(() => mergeTelecmiLegs(other, pushed())).message).toMatch(
      /different ids/,
    );
    expect(
      invalidRequestErrorOf(() => mergeTelecmiLegs({ ...pushed(), provider: 'ozonetel' }, pushed()))
        .message,
    ).toMatch(/not a TeleCMI Call/);
    const broken = { ...pushed(), raw: { webhookLegs: [{ ...legA, time: 'sk-live-secret' }] } };
    const error = invalidRequestErrorOf(() => mergeTelecmiLegs(broken, deliver([legB])!));
    expect(error.message).toMatch(/the stored Call's leg 1 is not a TeleCMI CDR: `time`/);
    expect(error.message).not.toContain('sk-live-secret');
    expect(
      invalidRequestErrorOf(() =>
        mergeTelecmiLegs(undefined, { ...pushed(), raw: { webhookLegs: [] } }),
      ).message,
    ).toMatch(/no legs/);
    expect(
      invalidRequestErrorOf(() =>
        mergeTelecmiLegs(undefined, { ...pushed(), raw: { webhookLegs: ['leg'] } }),
      ).message,
    ).toMatch(/leg 1 is not an object/);
  });

  test('options are checked', () => {
    expect(
      invalidRequestErrorOf(() => mergeTelecmiLegs(undefined, pushed(), { region: 'IN' } as never))
        .message,
    ).toMatch(/mergeTelecmiLegs options/);
  });
});
