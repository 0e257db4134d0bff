import { afterAll, beforeAll, expect, test } from 'vitest';
import { exotelDescriptor } from './exotel-descriptor.js';
import { exotelPush } from './exotel-push.js';
import { ExotelSimulator } from './testing/exotel-simulator.js';

const token = 'an-exotel-webhook-token';
const now = () => new Date('2026-11-24T06:30:00Z');
let simulator: ExotelSimulator;
beforeAll(async () => {
  simulator = await ExotelSimulator.start({ calls: 20, now: now().getTime() });
});
afterAll(() => simulator.stop());

const push = (path: string, body: string) => ({
  method: 'POST',
  url: new URL(`http://127.0.0.1${path}`),
  headers: {},
  body,
  contentType: 'application/x-www-form-urlencoded',
});

test('the descriptor carries the push: a token route per account, verified, parsed, listed kept', () => {
  expect(exotelDescriptor.push).toBe(exotelPush);
  const account = exotelDescriptor.fromSettings('exotel', {
    accountSid: simulator.accountSid,
    apiKey: simulator.apiKey,
    apiToken: simulator.apiToken,
  });
  const handler = exotelPush.handler(account, { now, token });
  const call = simulator.calls().find((candidate) => candidate.status === 'answered')!;
  const { body } = simulator.statusCallback(call.id);
  // Only the very token: a wrong or missing one is a path that does not exist.
  expect(handler.verify(push(`/exotel/${token}x`, body))).toEqual({
    status: 404,
    reason: 'not found',
  });
  expect(handler.verify(push('/exotel', body))).toEqual({ status: 404, reason: 'not found' });
  expect(handler.verify(push(`/exotel/${token}`, body))).toBeUndefined();
  const parsed = handler.parse(push(`/exotel/${token}`, body));
  expect(Array.isArray(parsed) && parsed.map((entry) => entry.id)).toEqual([call.id]);
  // The test push a person can send by hand is the simulator's own callback.
  expect(exotelPush.testPush?.(simulator, 'http://x')).toEqual({ body: expect.any(String) });
});
