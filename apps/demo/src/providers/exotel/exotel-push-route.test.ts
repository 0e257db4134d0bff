// Exotel's StatusCallbacks through the push server, a real SQLite file and the simulator:
// the path token as the only check, form and JSON bodies, the pushed call equal to the
// listed one, and a listed call kept as listed.
import type { Call } from '@cdr/core';
import { createExotel } from '@cdr/exotel';
import { type ExotelAccount, exotelDescriptor } from '@cdr/exotel/descriptor';
import { ExotelSimulator } from '@cdr/exotel/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRouteReceiver, toldByPush } from '../../testing/route-receiver.ts';
import { storedCalls, testNow } from '../../testing/test-support.ts';
import { pushRouteFor } from '../push-routes.ts';

const token = 'exotel-webhook-token-for-tests';
let simulator: ExotelSimulator;
let account: ExotelAccount;
beforeAll(async () => {
  simulator = await ExotelSimulator.start({ calls: 60, now: testNow.getTime() });
  account = exotelDescriptor.fromSettings('exotel', {
    accountSid: simulator.accountSid,
    apiKey: simulator.apiKey,
    apiToken: simulator.apiToken,
    baseUrl: simulator.url,
  });
});
afterAll(() => simulator.stop());

const receiver = () =>
  startRouteReceiver(pushRouteFor(exotelDescriptor, account, { now: () => testNow, token }));

async function push(url: string, callId: string, json = false) {
  const callback = simulator.statusCallback(callId, { json });
  const answer = await fetch(url, {
    method: 'POST',
    headers: callback.headers,
    body: callback.body,
  });
  return { status: answer.status, text: await answer.text() };
}

const told = (call: Call) => ({
  ...toldByPush(call),
  talkSeconds: call.durations.talkSeconds,
  recording: call.recording,
});

test('a StatusCallback at /exotel/<token>, form or JSON, is stored as the Call the listing gives', async () => {
  const running = await receiver();
  const answered = simulator
    .calls()
    .find((call) => call.exotelStatus === 'completed' && call.direction === 'inbound')!;
  const missed = simulator.calls().find((call) => call.exotelStatus === 'no-answer')!;
  try {
    expect(await push(`${running.url}/${token}`, answered.id)).toEqual({
      status: 200,
      text: 'ok\n',
    });
    expect((await push(`${running.url}/${token}`, missed.id, true)).status).toBe(200);
    expect((await push(`${running.url}/${token}`, missed.id, true)).status).toBe(200);
    expect(running.server.stored).toEqual({ inserted: 2, updated: 0, unchanged: 1 });
    const exotel = createExotel({
      accountSid: simulator.accountSid,
      apiKey: simulator.apiKey,
      apiToken: simulator.apiToken,
      baseUrl: simulator.url,
    });
    const stored = await storedCalls(running.database);
    for (const call of [answered, missed]) {
      const listed = await exotel.getCall!(call.id);
      expect(told(stored.find((candidate) => candidate.id === call.id)!)).toEqual(told(listed!));
    }
    await exotel.close?.();
  } finally {
    await running.close();
  }
});

test('a wrong, missing or extended token is a path that does not exist: 404, nothing stored, no token shown', async () => {
  const running = await receiver();
  const [call] = simulator.calls();
  try {
    const answers = [
      await push(`${running.url}/not-the-webhook-token-at-all`, call!.id),
      await push(`${running.url}/${token.slice(0, -1)}`, call!.id),
      await push(running.url, call!.id),
      await push(`${running.url}/`, call!.id, true),
      await push(`${running.url}/${token}/more`, call!.id),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    expect(await storedCalls(running.database)).toEqual([]);
    const shown = [...running.rejected, ...answers.map((answer) => answer.text)].join('\n');
    expect(shown).not.toContain(token);
    // A body that is not a StatusCallback, with the right token: 400, nothing stored.
    const bad = await fetch(`${running.url}/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"Status":"completed"}',
    });
    expect(bad.status).toBe(400);
    expect(await storedCalls(running.database)).toEqual([]);
  } finally {
    await running.close();
  }
});

test('a call already listed is kept as listed (its price and total duration)', async () => {
  const running = await receiver();
  const priced = simulator.calls().find((call) => call.exotelStatus === 'completed')!;
  try {
    const exotel = createExotel({
      accountSid: simulator.accountSid,
      apiKey: simulator.apiKey,
      apiToken: simulator.apiToken,
      baseUrl: simulator.url,
      currency: 'INR',
    });
    const listed = (await exotel.getCall!(priced.id))!;
    await exotel.close?.();
    await running.store.writeSlice({ account: 'exotel', calls: [listed] });
    expect((await push(`${running.url}/${token}`, priced.id)).status).toBe(200);
    expect(running.server.stored).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const [stored] = await storedCalls(running.database);
    expect(stored!.cost).toEqual(listed.cost);
    expect(stored!.durations).toEqual(listed.durations);
  } finally {
    await running.close();
  }
});
