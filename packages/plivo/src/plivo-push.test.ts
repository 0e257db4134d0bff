import type { Call } from '@cdr/core';
import type { ReceivedPush } from '@cdr/core/provider-utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plivoDescriptor } from './plivo-descriptor.js';
import { createPlivo } from './plivo-provider.js';
import { plivoPush } from './plivo-push.js';
import { PlivoSimulator } from './testing/plivo-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const now = () => new Date(testNow);
const publicUrl = 'https://cdr.example.com';
let simulator: PlivoSimulator;
let listed: Map<string, Call>;
beforeAll(async () => {
  simulator = await PlivoSimulator.start({ calls: 60, now: testNow });
  const plivo = createPlivo({
    authId: simulator.authId,
    authToken: simulator.authToken,
    baseUrl: simulator.url,
    now,
  });
  listed = new Map();
  for await (const call of plivo.listCalls({ from: new Date(testNow - 3 * 86_400_000), to: now() }))
    listed.set(call.id, call);
  await plivo.close?.();
});
afterAll(() => simulator.stop());

const account = () =>
  plivoDescriptor.fromSettings('plivo', {
    authId: simulator.authId,
    authToken: simulator.authToken,
  });

function received(
  signed: { headers: Record<string, string>; body: string },
  overrides: { headers?: Record<string, string>; body?: string; path?: string } = {},
): ReceivedPush {
  return {
    method: 'POST',
    url: new URL(`http://127.0.0.1:9${overrides.path ?? '/plivo'}`),
    headers: overrides.headers ?? signed.headers,
    body: overrides.body ?? signed.body,
    contentType: 'application/x-www-form-urlencoded',
  };
}

describe('hangup callbacks', () => {
  test('the descriptor mounts them; a signed callback is accepted', () => {
    expect(plivoDescriptor.push).toBe(plivoPush);
    const handler = plivoPush.handler(account(), { now, publicUrl });
    const call = simulator.calls()[0]!;
    const signed = simulator.hangupCallback(call.id, `${publicUrl}/plivo`);
    expect(handler.verify(received(signed))).toBeUndefined();
  });

  test('a pushed call equals the listed one, for every call of the data set', () => {
    const handler = plivoPush.handler(account(), { now, publicUrl });
    let compared = 0;
    for (const truth of simulator.calls()) {
      const signed = simulator.hangupCallback(truth.id, `${publicUrl}/plivo`);
      const parsed = handler.parse(received(signed));
      if (!Array.isArray(parsed)) throw new Error(`ignored: ${parsed.ignored}`);
      const pushed = parsed[0]!;
      const fromList = listed.get(truth.id)!;
      // Callbacks carry no billed_duration; everything else is the listed call.
      const { billedSeconds: _billed, ...listedDurations } = fromList.durations;
      expect({ ...pushed, raw: undefined, providerFields: undefined }).toEqual({
        ...fromList,
        durations: listedDurations,
        raw: undefined,
        providerFields: undefined,
      });
      // And the stored listed call wins over a later push (it tells more).
      expect(handler.merge?.(fromList, pushed)).toBe(fromList);
      compared++;
    }
    expect(compared).toBe(60);
  });

  test('unsigned, mis-signed, tampered, replayed with another nonce or to another URL: refused', () => {
    const handler = plivoPush.handler(account(), { now, publicUrl });
    const call = simulator.calls()[1]!;
    const signed = simulator.hangupCallback(call.id, `${publicUrl}/plivo`);
    const without = (name: string) =>
      Object.fromEntries(Object.entries(signed.headers).filter(([key]) => key !== name));
    const refusals = [
      received(signed, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      received(signed, { headers: without('x-plivo-signature-v3-nonce') }),
      received(signed, {
        headers: {
          ...signed.headers,
          'x-plivo-signature-v3': 'AAAA',
          'x-plivo-signature-ma-v3': 'AAAA',
        },
      }),
      received(signed, { body: signed.body.replace(/From=[^&]*/, 'From=%2B10000000000') }),
      received(signed, { headers: { ...signed.headers, 'x-plivo-signature-v3-nonce': '1' } }),
      received(signed, { path: '/plivo-other' }),
    ];
    for (const push of refusals) expect(handler.verify(push)?.status).toBe(403);
    // Another account's token does not verify it either.
    const other = plivoPush.handler(
      plivoDescriptor.fromSettings('plivo:other', {
        authId: simulator.authId,
        authToken: `${simulator.authToken}x`,
      }),
      { now, publicUrl },
    );
    expect(other.verify(received(signed))?.status).toBe(403);
  });

  test('a callback of a call not over is answered and not stored', () => {
    const handler = plivoPush.handler(account(), { now, publicUrl });
    const call = simulator.calls()[2]!;
    const signed = simulator.hangupCallback(call.id, `${publicUrl}/plivo`);
    const ringing = signed.body.replace(/CallStatus=[^&]*/, 'CallStatus=ringing');
    expect(handler.parse(received(signed, { body: ringing }))).toEqual({
      ignored: 'a call not over yet (ringing)',
    });
  });
});
