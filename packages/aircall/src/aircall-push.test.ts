import { readFileSync } from 'node:fs';
import type { Call } from '@cdr/core';
import type { ReceivedPush } from '@cdr/core/provider-utils';
import { collect } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createAircall } from './aircall-provider.js';
import { aircallPush, verifyAircallWebhook } from './aircall-push.js';
import { AircallSimulator } from './testing/aircall-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
let simulator: AircallSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

const push = (body: string): ReceivedPush => ({
  method: 'POST',
  url: new URL('http://127.0.0.1/aircall'),
  headers: { 'content-type': 'application/json' },
  body,
  contentType: 'application/json',
});

const withoutRaw = ({ raw: _raw, ...call }: Call) => call;

describe('Aircall webhooks', () => {
  test('a pushed call.ended equals the listed call (raw apart)', async () => {
    simulator = await AircallSimulator.start({ calls: 120, now: testNow });
    const listed = await collect(
      createAircall({
        accessToken: simulator.accessToken,
        baseUrl: simulator.url,
        rateLimit: false,
        now: () => new Date(testNow),
      }).listCalls(window),
    );
    const handler = aircallPush.handler(
      { name: 'aircall', webhookToken: simulator.webhookToken },
      { now: () => new Date(testNow) },
    );
    const over = simulator.calls(window).filter((call) => call.record.status === 'done');
    expect(over.length).toBeGreaterThan(50);
    for (const call of over) {
      const received = push(simulator.webhook(call.id, 'call.ended'));
      expect(handler.verify(received)).toBeUndefined();
      const parsed = handler.parse(received);
      expect(Array.isArray(parsed)).toBe(true);
      const [pushed] = parsed as Call[];
      const fromListing = listed.find((item) => item.id === call.id)!;
      expect(withoutRaw(pushed!)).toEqual(withoutRaw(fromListing));
      // The listing is the source of truth: a stored listed call is kept.
      expect(handler.merge!(fromListing, pushed!)).toBe(fromListing);
      expect(handler.merge!(undefined, pushed!)).toBe(pushed);
    }
  });

  test('unsigned, mis-tokened and malformed pushes are refused before anything is parsed', async () => {
    simulator = await AircallSimulator.start({ calls: 20, now: testNow });
    const token = simulator.webhookToken;
    const handler = aircallPush.handler(
      { name: 'aircall', webhookToken: token },
      { now: () => new Date(testNow) },
    );
    const id = simulator.calls().find((call) => call.record.status === 'done')!.id;
    const good = JSON.parse(simulator.webhook(id)) as Record<string, unknown>;
    const cases: [string, string, 401 | 403][] = [
      ['no token', JSON.stringify({ ...good, token: undefined }), 401],
      ['an empty token', JSON.stringify({ ...good, token: '' }), 401],
      ['a number as token', JSON.stringify({ ...good, token: 12 }), 401],
      ['not JSON', `token=${token}`, 401],
      ['another webhook', simulator.webhook(id, 'call.ended', 'f'.repeat(token.length)), 403],
      ['a prefix', simulator.webhook(id, 'call.ended', token.slice(0, -1)), 403],
      ['upper case', simulator.webhook(id, 'call.ended', token.toUpperCase()), 403],
      ['padded', simulator.webhook(id, 'call.ended', ` ${token}`), 403],
    ];
    for (const [what, body, status] of cases)
      expect(handler.verify(push(body))?.status, what).toBe(status);
    expect(handler.verify(push(JSON.stringify(good)))).toBeUndefined();
  });

  test('events of a call not over are answered and not stored', async () => {
    simulator = await AircallSimulator.start({ calls: 20, now: testNow });
    const handler = aircallPush.handler(
      { name: 'aircall', webhookToken: simulator.webhookToken },
      { now: () => new Date(testNow) },
    );
    const id = simulator.calls().find((call) => call.record.status === 'done')!.id;
    for (const event of ['call.created', 'call.answered', 'call.hungup'])
      expect(handler.parse(push(simulator.webhook(id, event)))).toEqual({
        ignored: `${event}: not a call that is over`,
      });
    const ringing = simulator.calls().find((call) => call.record.status !== 'done');
    if (ringing)
      expect(handler.parse(push(simulator.webhook(ringing.id, 'call.ended')))).toMatchObject({
        ignored: expect.stringMatching(/not over/),
      });
  });

  test("the docs' call.created sample passes with its token and is not stored", () => {
    const body = readFileSync(
      new URL('./__fixtures__/webhook-call-created.json', import.meta.url),
      'utf8',
    );
    expect('webhook' in verifyAircallWebhook(body, 'cebcaac65XXXXXXXXXx')).toBe(true);
    expect(verifyAircallWebhook(body, 'cebcaac65XXXXXXXXXy')).toMatchObject({
      refusal: { status: 403 },
    });
    const handler = aircallPush.handler(
      { name: 'aircall', webhookToken: 'cebcaac65XXXXXXXXXx' },
      { now: () => new Date(testNow) },
    );
    expect(handler.parse(push(body))).toEqual({ ignored: 'call.created: not a call that is over' });
  });

  test('an account without a webhook token cannot be received, and says what to set', () => {
    expect(aircallPush.problem?.({ name: 'aircall', webhookToken: undefined })).toMatch(
      /AIRCALL_WEBHOOK_TOKEN/,
    );
    expect(
      aircallPush.problem?.({ name: 'aircall', webhookToken: 'x'.repeat(24) }),
    ).toBeUndefined();
  });
});
