import { readFileSync } from 'node:fs';
import type { Call } from '@cdr/core';
import type { ReceivedPush } from '@cdr/core/provider-utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VonageSimulator } from './testing/vonage-simulator.js';
import { vonageDescriptor } from './vonage-descriptor.js';
import { createVonage } from './vonage-provider.js';
import { vonagePush } from './vonage-push.js';
import { signVonageWebhook } from './vonage-signed-webhook.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 2 * 86_400_000 + 60_000), to: new Date(testNow) };
let simulator: VonageSimulator;
let listed: Call[];

beforeAll(async () => {
  simulator = await VonageSimulator.start({ calls: 60, now: testNow });
  const vonage = createVonage({
    applicationId: simulator.applicationId,
    privateKey: simulator.privateKey,
    baseUrl: simulator.url,
    now: () => new Date(testNow),
  });
  listed = [];
  for await (const call of vonage.listCalls(window)) listed.push(call);
  await vonage.close?.();
});
afterAll(() => simulator.stop());

const account = () =>
  vonageDescriptor.fromSettings('vonage', {
    applicationId: simulator.applicationId,
    privateKey: simulator.privateKey,
    signatureSecret: simulator.signatureSecret,
  });
const received = (headers: Record<string, string>, body: string): ReceivedPush => ({
  method: 'POST',
  url: new URL('http://127.0.0.1:9/vonage'),
  headers,
  body,
  contentType: 'application/json',
});
const completedLeg = (predicate: (call: Call) => boolean = () => true) =>
  simulator
    .calls(window)
    .find(
      (call) =>
        call.record.status === 'completed' && predicate(listed.find((leg) => leg.id === call.id)!),
    )!;
/** A handler whose clock reads `at`. */
const handlerAt = (at: number) => vonagePush.handler(account(), { now: () => new Date(at) });
const endOf = (id: string) =>
  Date.parse(String(simulator.calls().find((call) => call.id === id)!.record.end_time));

describe('Vonage event webhooks', () => {
  test('the descriptor carries them; an account without a signature secret cannot be received', () => {
    expect(vonageDescriptor.push).toBe(vonagePush);
    expect(vonagePush.problem?.(account())).toBeUndefined();
    const unsigned = vonageDescriptor.fromSettings('vonage', {
      applicationId: simulator.applicationId,
      privateKey: simulator.privateKey,
    });
    expect(vonagePush.problem?.(unsigned)).toContain('VONAGE_SIGNATURE_SECRET');
  });

  test.each([
    ['a phone leg', (call: Call) => call.agent === undefined],
    ['an agent (app) leg', (call: Call) => call.agent !== undefined],
  ])('a pushed completed event of %s equals the listed leg', (_name, predicate) => {
    const leg = completedLeg(predicate);
    const push = simulator.completedEvent(leg.id);
    const handler = handlerAt(endOf(leg.id) + 5000);
    expect(handler.verify(received(push.headers, push.body))).toBeUndefined();
    const parsed = handler.parse(received(push.headers, push.body));
    expect(Array.isArray(parsed)).toBe(true);
    const [pushed] = parsed as Call[];
    const fromListing = listed.find((call) => call.id === leg.id)!;
    const { raw: _pushedRaw, ...pushedFields } = pushed!;
    const { raw: _listedRaw, ...listedFields } = fromListing;
    expect(pushedFields).toEqual(listedFields);
    // The listing tells as much and has the record: a stored listed leg is kept.
    expect(handler.merge?.(fromListing, pushed!)).toBe(fromListing);
    expect(handler.merge?.(undefined, pushed!)).toBe(pushed);
  });

  test('the docs’ completed event (.NET SDK data) parses, signed as Vonage signs', () => {
    const body = readFileSync(
      new URL('./__fixtures__/completed-event.json', import.meta.url),
      'utf8',
    );
    const signedAt = Date.parse('2020-01-01T12:00:02Z');
    const jwt = signVonageWebhook(body, simulator.signatureSecret, { now: new Date(signedAt) });
    const handler = handlerAt(signedAt);
    const push = received({ authorization: `Bearer ${jwt}` }, body);
    expect(handler.verify(push)).toBeUndefined();
    const [call] = handler.parse(push) as Call[];
    expect(call).toMatchObject({
      id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
      direction: 'outbound',
      status: 'answered',
      from: { kind: 'phone', raw: '442079460000', phoneNumber: '+442079460000' },
      to: { kind: 'phone', raw: '447700900000', phoneNumber: '+447700900000' },
      startedAt: new Date('2020-01-01T12:00:00.000Z'),
      endedAt: new Date('2020-01-01T12:00:01.000Z'),
      durations: { totalSeconds: 2 },
      cost: { amount: 0.03, currency: 'EUR' },
    });
  });

  test('unsigned, mis-signed, tampered, replayed and alg-none webhooks are refused with 401', () => {
    const leg = completedLeg();
    const push = simulator.completedEvent(leg.id);
    const at = endOf(leg.id) + 1000;
    const handler = handlerAt(at);
    const reasonOf = (headers: Record<string, string>, body = push.body) =>
      handler.verify(received(headers, body));
    expect(reasonOf({})).toMatchObject({
      status: 401,
      reason: expect.stringContaining('not signed'),
    });
    const wrong = simulator.completedEvent(leg.id, { secret: 'another-signature-secret' });
    expect(reasonOf(wrong.headers)?.reason).toContain('signature secret');
    const tampered = push.body.replace('"status":"completed"', '"status":"completed","price":"0"');
    expect(reasonOf(push.headers, tampered)?.reason).toContain('payload_hash');
    const old = simulator.completedEvent(leg.id, { signedAt: new Date(at - 301_000) });
    expect(reasonOf(old.headers)?.reason).toContain('300 s');
    const recent = simulator.completedEvent(leg.id, { signedAt: new Date(at - 299_000) });
    expect(reasonOf(recent.headers)).toBeUndefined();
    const none = signVonageWebhook(push.body, simulator.signatureSecret, {
      now: new Date(at),
      header: { alg: 'none', typ: 'JWT' },
    });
    expect(reasonOf({ authorization: `Bearer ${none}` })?.reason).toContain('HS256');
    const expired = signVonageWebhook(push.body, simulator.signatureSecret, {
      now: new Date(at),
      claims: { exp: Math.floor(at / 1000) - 1 },
    });
    expect(reasonOf({ authorization: `Bearer ${expired}` })?.reason).toContain('expired');
  });

  test("the simulated test push is signed on the injected clock, which the receiver's is", async () => {
    // A clock far from the machine's: a push signed on the machine's clock is refused.
    const farNow = Date.parse('2031-02-03T04:05:06Z');
    const far = await VonageSimulator.start({ calls: 20, now: farNow });
    try {
      const push = vonagePush.testPush?.(far, 'http://127.0.0.1:9/vonage');
      expect(push?.body).toBeDefined();
      const farAccount = vonageDescriptor.fromSettings('vonage', {
        applicationId: far.applicationId,
        privateKey: far.privateKey,
        signatureSecret: far.signatureSecret,
      });
      const handler = vonagePush.handler(farAccount, { now: () => new Date(farNow) });
      const headers = { authorization: push!.headers!.Authorization! };
      expect(handler.verify(received(headers, push!.body!))).toBeUndefined();
    } finally {
      await far.stop();
    }
  });

  test('the tolerance is a setting', () => {
    const leg = completedLeg();
    const at = endOf(leg.id) + 1000;
    const old = simulator.completedEvent(leg.id, { signedAt: new Date(at - 3_000_000) });
    const lenient = vonagePush.handler(
      vonageDescriptor.fromSettings('vonage', {
        applicationId: simulator.applicationId,
        privateKey: simulator.privateKey,
        signatureSecret: simulator.signatureSecret,
        pushToleranceSeconds: 3600,
      }),
      { now: () => new Date(at) },
    );
    expect(lenient.verify(received(old.headers, old.body))).toBeUndefined();
    expect(handlerAt(at).verify(received(old.headers, old.body))).toBeDefined();
  });

  test('events other than completed are answered and not stored', () => {
    const body = JSON.stringify({
      uuid: 'abc',
      status: 'ringing',
      timestamp: '2026-11-24T06:00:00.000Z',
    });
    const handler = handlerAt(Date.parse('2026-11-24T06:00:01Z'));
    const jwt = signVonageWebhook(body, simulator.signatureSecret, {
      now: new Date('2026-11-24T06:00:01Z'),
    });
    const push = received({ authorization: `Bearer ${jwt}` }, body);
    expect(handler.verify(push)).toBeUndefined();
    expect(handler.parse(push)).toEqual({ ignored: expect.stringContaining('ringing') });
  });
});
