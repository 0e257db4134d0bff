import { afterAll, beforeAll, expect, test } from 'vitest';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import { twilioDescriptor } from './twilio-descriptor.js';
import { twilioPush } from './twilio-push.js';

const now = () => new Date('2026-11-24T06:30:00Z');
let simulator: TwilioSimulator;
beforeAll(async () => {
  simulator = await TwilioSimulator.start({ calls: 20, now: now().getTime() });
});
afterAll(() => simulator.stop());

test('signed callbacks only, over the public URL; an API key alone cannot be received', () => {
  const account = twilioDescriptor.fromSettings('twilio', {
    accountSid: simulator.accountSid,
    authToken: simulator.authToken,
  });
  expect(twilioDescriptor.push).toBe(twilioPush);
  expect(twilioPush.problem?.(account)).toBeUndefined();
  const keyOnly = twilioDescriptor.fromSettings('twilio:key', {
    accountSid: simulator.accountSid,
    apiKey: 'SK0123',
    apiSecret: 'key-secret',
  });
  expect(twilioPush.problem?.(keyOnly)).toContain('TWILIO_AUTH_TOKEN');

  const publicUrl = 'https://cdr.example.com';
  const handler = twilioPush.handler(account, { now, publicUrl });
  const call = simulator.calls().find((candidate) => candidate.record.status === 'completed')!;
  const signed = simulator.statusCallback(call.id, `${publicUrl}/twilio`);
  const received = (headers: Record<string, string>) => ({
    method: 'POST',
    url: new URL('http://127.0.0.1:9/twilio'),
    headers,
    body: signed.body,
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(handler.verify(received(signed.headers))).toBeUndefined();
  expect(handler.verify(received({}))?.status).toBe(403);
  const tampered = { ...signed.headers, 'x-twilio-signature': 'AAAA' };
  expect(handler.verify(received(tampered))?.reason).toContain('does not sign');
  const parsed = handler.parse(received(signed.headers));
  expect(Array.isArray(parsed) && parsed.map((entry) => entry.id)).toEqual([call.id]);
});
