import type { Call } from '@cdr/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ozonetelDescriptor } from './ozonetel-descriptor.js';
import { ozonetelPush } from './ozonetel-push.js';
import { OzonetelSimulator } from './testing/ozonetel-simulator.js';

let simulator: OzonetelSimulator;
beforeAll(async () => {
  simulator = await OzonetelSimulator.start({
    calls: 30,
    now: Date.parse('2026-11-24T12:00:00+05:30'),
  });
});
afterAll(() => simulator.stop());

test('a callback carrying the account key is taken and mapped; another key is refused', () => {
  expect(ozonetelDescriptor.push).toBe(ozonetelPush);
  const settings = {
    userName: simulator.userName,
    apiKey: simulator.apiKey,
    baseUrl: simulator.url,
  };
  const account = ozonetelDescriptor.fromSettings('ozonetel', settings);
  const other = ozonetelDescriptor.fromSettings('other', { ...settings, apiKey: 'another-key' });
  const form = ozonetelPush.testPush?.(simulator, 'http://x')?.form;
  expect(form?.data).toContain(simulator.apiKey);
  const received = {
    method: 'POST',
    url: new URL('http://127.0.0.1/ozonetel'),
    headers: {},
    body: new URLSearchParams(form).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
  const now = () => new Date('2026-11-24T12:00:00+05:30');
  expect(ozonetelPush.handler(other, { now }).verify(received)?.status).toBe(401);
  const handler = ozonetelPush.handler(account, { now });
  expect(handler.verify(received)).toBeUndefined();
  const [call] = handler.parse(received) as Call[];
  expect([call!.provider, call!.id]).toEqual(['ozonetel', JSON.parse(form!.data!).monitorUCID]);
});
