import { readFileSync } from 'node:fs';
import type { Call } from '@cdr/core';
import { expect, test } from 'vitest';
import { telecmiDescriptor } from './telecmi-descriptor.js';
import { telecmiPush } from './telecmi-push.js';

const token = 'a-telecmi-webhook-token';
const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8');
const push = (path: string, body: string) => ({
  method: 'POST',
  url: new URL(`http://127.0.0.1${path}`),
  headers: {},
  body,
  contentType: 'application/json',
});

test('one route for the first CHUB account: token checked, live events ignored, legs merged into the stored call', () => {
  expect(telecmiDescriptor.push).toBe(telecmiPush);
  const [user] = telecmiDescriptor.fromEnvironment({ TELECMI_USER_TOKEN: 't' });
  const [agent] = telecmiDescriptor.fromEnvironment({ TELECMI_AGENT_TOKEN: 't' });
  expect([telecmiPush.accepts?.(user!), telecmiPush.accepts?.(agent!)]).toEqual([true, false]);
  const handler = telecmiPush.handler(user!, { now: () => new Date(0), token });
  const legA = fixture('webhook-outgoing-answered-leg-a');
  expect(handler.verify(push(`/telecmi/${token.slice(1)}`, legA))).toEqual({
    status: 404,
    reason: 'not found',
  });
  expect(handler.verify(push(`/telecmi/${token}`, legA))).toBeUndefined();
  expect(handler.parse(push(`/telecmi/${token}`, fixture('webhook-live-event')))).toMatchObject({
    ignored: expect.stringContaining('a live event'),
  });
  const parsed = handler.parse(push(`/telecmi/${token}`, fixture('webhook-incoming-answered')));
  const [pushed] = parsed as Call[];
  // Legs are merged into the stored call: a repeat of the same leg is the same call.
  const stored = handler.merge!(undefined, pushed!);
  expect(stored.id).toBe(pushed!.id);
  expect(handler.merge!(stored, pushed!)).toEqual(stored);
});
