import { readFileSync } from 'node:fs';
import type { Call } from '@cdr/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { telnyxDescriptor } from './telnyx-descriptor.js';
import { createTelnyx } from './telnyx-provider.js';
import { telnyxPush } from './telnyx-push.js';
import { TelnyxSimulator } from './testing/telnyx-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
let simulator: TelnyxSimulator;
beforeAll(async () => {
  simulator = await TelnyxSimulator.start({ calls: 60, now: testNow, rateLimit: false });
});
afterAll(() => simulator.stop());

const account = () =>
  telnyxDescriptor.fromSettings('telnyx', {
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
    webhookPublicKey: simulator.publicKey,
  });
const received = (push: { body: string; headers: Record<string, string> }) => ({
  method: 'POST',
  url: new URL('http://127.0.0.1:9/telnyx'),
  headers: push.headers,
  body: push.body,
  contentType: 'application/json',
});
const endOf = (id: string) =>
  Date.parse(String(simulator.calls().find((c) => c.id === id)?.record.finished_at));
const handlerAt = (ms: number) => telnyxPush.handler(account(), { now: () => new Date(ms) });

describe('Telnyx webhooks', () => {
  test('an account without a public key cannot be received, and says what to set', () => {
    expect(telnyxDescriptor.push).toBe(telnyxPush);
    expect(telnyxPush.problem?.(account())).toBeUndefined();
    const keyless = telnyxDescriptor.fromSettings('telnyx:nokey', { apiKey: 'KEY1' });
    expect(telnyxPush.problem?.(keyless)).toContain('TELNYX_PUBLIC_KEY');
  });

  test('a pushed call.hangup equals the listed call (id, parties, times, status); merged, the listed one stays', async () => {
    const listed = new Map<string, Call>();
    const provider = createTelnyx({
      apiKey: simulator.apiKey,
      baseUrl: simulator.url,
      rateLimit: false,
    });
    for await (const call of provider.listCalls({
      from: new Date(testNow - 3 * 86_400_000),
      to: new Date(testNow),
    }))
      listed.set(call.id, call);
    expect(listed.size).toBe(simulator.calls().length);
    let compared = 0;
    for (const truth of simulator.calls()) {
      const push = simulator.hangupPush(truth.id);
      const handler = handlerAt(endOf(truth.id) + 2000);
      expect(handler.verify(received(push))).toBeUndefined();
      const parsed = handler.parse(received(push));
      if (!Array.isArray(parsed)) throw new Error('ignored');
      const [pushed] = parsed;
      const call = listed.get(truth.id)!;
      expect(pushed).toMatchObject({
        id: call.id,
        status: call.status,
        from: call.from,
        to: call.to,
        startedAt: call.startedAt,
        endedAt: call.endedAt,
      });
      expect(pushed?.providerFields?.sessionId).toBe(call.providerFields?.sessionId);
      expect(handler.merge?.(call, pushed!)).toBe(call);
      expect(handler.merge?.(undefined, pushed!)).toBe(pushed);
      compared++;
    }
    expect(compared).toBe(60);
  });

  test('unsigned, mis-signed, tampered and replayed webhooks are refused', () => {
    const id = simulator.calls()[0]!.id;
    const push = simulator.hangupPush(id);
    const at = endOf(id);
    const handler = handlerAt(at);
    expect(handler.verify(received(push))).toBeUndefined();
    const refused = (headers: Record<string, string>, body = push.body) =>
      handler.verify(received({ body, headers }));
    expect(refused({})?.status).toBe(401);
    expect(refused({ 'telnyx-timestamp': push.headers['telnyx-timestamp']! })?.reason).toContain(
      'not signed',
    );
    const other = simulator.hangupPush(
      simulator.calls()[1]!.id,
      Number(push.headers['telnyx-timestamp']),
    );
    expect(
      refused({
        ...push.headers,
        'telnyx-signature-ed25519': other.headers['telnyx-signature-ed25519']!,
      })?.reason,
    ).toContain('does not sign');
    expect(refused(push.headers, push.body.replace('call.hangup', 'call.hangup '))?.status).toBe(
      401,
    );
    expect(refused({ ...push.headers, 'telnyx-signature-ed25519': 'AAAA' })?.status).toBe(401);
    expect(
      refused({ ...push.headers, 'telnyx-timestamp': `${push.headers['telnyx-timestamp']}.0` })
        ?.status,
    ).toBe(401);
    // 300 s either way is accepted; 301 is a replay (or a clock off).
    expect(handlerAt(at + 300_000).verify(received(push))).toBeUndefined();
    expect(handlerAt(at - 300_000).verify(received(push))).toBeUndefined();
    expect(handlerAt(at + 301_000).verify(received(push))?.reason).toContain('replay');
    expect(handlerAt(at - 301_000).verify(received(push))?.status).toBe(401);
    // Header names are read case-insensitively.
    const upper = Object.fromEntries(
      Object.entries(push.headers).map(([k, v]) => [k.toUpperCase(), v]),
    );
    expect(refused(upper)).toBeUndefined();
  });

  test('other events are answered and not stored; the published CallHangup example maps', () => {
    const handler = handlerAt(testNow);
    const answered = simulator.sign(
      JSON.stringify({ data: { event_type: 'call.answered', id: 'e1', payload: {} } }),
      testNow / 1000,
    );
    expect(handler.verify(received(answered))).toBeUndefined();
    expect(handler.parse(received(answered))).toEqual({
      ignored: 'call.answered: no finished call',
    });
    const example = readFileSync(
      new URL('./__fixtures__/call-hangup.json', import.meta.url),
      'utf8',
    );
    const signed = simulator.sign(`{"data":${example}}`, testNow / 1000);
    const parsed = handler.parse(received(signed));
    expect(parsed).toEqual([
      expect.objectContaining({
        id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
        status: 'missed',
        direction: 'unknown',
        from: expect.objectContaining({ phoneNumber: '+35319605860' }),
        startedAt: new Date('2018-02-02T22:20:27.521Z'),
        endedAt: new Date('2018-02-02T22:25:27.521Z'),
        providerFields: expect.objectContaining({
          hangupCause: 'call_rejected',
          sipHangupCause: '603',
        }),
      }),
    ]);
  });
});
