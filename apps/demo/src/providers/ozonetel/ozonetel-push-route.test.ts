// Ozonetel's pushes through the push server: every encoding Ozonetel uses, the key check,
// and the pushed call equal to the one a lookup returns.
import { createOzonetel } from '@cdr/ozonetel';
import { type OzonetelAccount, ozonetelDescriptor } from '@cdr/ozonetel/descriptor';
import { afterEach, expect, test } from 'vitest';
import { startRouteReceiver } from '../../testing/route-receiver.ts';
import { startTestWorld, storedCalls, type TestWorld } from '../../testing/test-support.ts';
import { pushRouteFor } from '../push-routes.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

function receiver(current: TestWorld, apiKey = current.ozonetel.apiKey) {
  const account = ozonetelDescriptor.fromSettings('ozonetel', {
    userName: current.ozonetel.userName,
    apiKey,
    baseUrl: current.ozonetel.url,
  }) as OzonetelAccount;
  return startRouteReceiver(pushRouteFor(ozonetelDescriptor, account, { now: current.clock.now }));
}

test('pushes in each encoding are verified, mapped like getCall and stored once', async () => {
  const current = await startTestWorld({ ozonetel: { calls: 30 } });
  world = current;
  const running = await receiver(current);
  try {
    const [first, second, third] = current.ozonetel
      .calls()
      .filter((call) => current.ozonetel.storeOf(call) !== 'none');
    expect(await current.ozonetel.pushCallback(running.url, first!.ucid, 'form')).toBe(200);
    expect(await current.ozonetel.pushCallback(running.url, second!.ucid, 'form-array')).toBe(200);
    expect(await current.ozonetel.pushCallback(running.url, third!.ucid, 'json')).toBe(200);
    // A push repeated (Ozonetel retries) is one row.
    expect(await current.ozonetel.pushCallback(running.url, first!.ucid, 'form')).toBe(200);
    expect(running.server.stored).toEqual({ inserted: 3, updated: 0, unchanged: 1 });

    const ozonetel = createOzonetel({
      userName: current.ozonetel.userName,
      apiKey: current.ozonetel.apiKey,
      baseUrl: current.ozonetel.url,
      now: current.clock.now,
    });
    const looked = await ozonetel.getCall(first!.ucid);
    await ozonetel.close?.();
    const stored = await storedCalls(running.database);
    expect(stored).toHaveLength(3);
    const pushed = stored.find((call) => call.id === first!.ucid)!;
    const { raw: _pushedRaw, ...pushedFields } = pushed;
    const { raw: _lookedRaw, ...lookedFields } = looked!;
    expect(pushedFields).toEqual(lookedFields);
    // The key a push carries is never stored.
    expect(JSON.stringify(stored)).not.toContain(current.ozonetel.apiKey);
  } finally {
    await running.close();
  }
});

test('a push without this account’s key is refused (401), a malformed one is 400; the key never shows', async () => {
  const current = await startTestWorld({ ozonetel: { calls: 5 } });
  world = current;
  const running = await receiver(current, 'KKright');
  const post = (body: string, contentType = 'application/json') =>
    fetch(running.url, { method: 'POST', headers: { 'content-type': contentType }, body });
  try {
    expect((await post(JSON.stringify({ monitorUCID: '1', Apikey: 'KKwrong' }))).status).toBe(401);
    expect((await post(JSON.stringify({ monitorUCID: '1' }))).status).toBe(401);
    expect((await post('data=%7Bnot-json', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect(running.server.rejected).toBe(3);
    expect(running.rejected.join('\n')).not.toMatch(/KKright|KKwrong/);
    expect(await storedCalls(running.database)).toEqual([]);
  } finally {
    await running.close();
  }
});
