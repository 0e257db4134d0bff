import { afterEach, expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import { startCallbackReceiver } from './callback-receiver.ts';
import { StoreError } from './store-error.ts';
import { makeCall, startTestWorld, type TestWorld, temporaryDatabase } from './test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test('pushes in each encoding are verified, mapped like getCall and stored once', async () => {
  world = await startTestWorld({ ozonetel: { calls: 30 } });
  const store = CallStore.open(':memory:');
  const receiver = await startCallbackReceiver({ store, apiKey: world.ozonetel.apiKey });
  try {
    const calls = world.ozonetel.calls().filter((call) => world!.ozonetel.storeOf(call) !== 'none');
    const [first, second, third] = calls as [
      (typeof calls)[0],
      (typeof calls)[0],
      (typeof calls)[0],
    ];
    expect(await world.ozonetel.pushCallback(receiver.url, first.ucid, 'form')).toBe(200);
    expect(await world.ozonetel.pushCallback(receiver.url, second.ucid, 'form-array')).toBe(200);
    expect(await world.ozonetel.pushCallback(receiver.url, third.ucid, 'json')).toBe(200);
    // A push repeated (Ozonetel retries) is one row.
    expect(await world.ozonetel.pushCallback(receiver.url, first.ucid, 'form')).toBe(200);
    expect(store.count()).toBe(3);
    expect(receiver.received).toBe(4);

    const { createOzonetel } = await import('@cdr/ozonetel');
    const ozonetel = createOzonetel({
      userName: world.ozonetel.userName,
      apiKey: world.ozonetel.apiKey,
      baseUrl: world.ozonetel.url,
    });
    const looked = await ozonetel.getCall(first.ucid);
    await ozonetel.close?.();
    const [pushed] = [...store.iterateCalls('id = ?', first.ucid)];
    const { raw: _a, ...pushedFields } = pushed!;
    const { raw: _b, ...lookedFields } = looked!;
    expect(pushedFields).toEqual(lookedFields);
    expect(JSON.stringify(pushed)).not.toContain(world.ozonetel.apiKey);
  } finally {
    await receiver.close();
    store.close();
  }
});

test('refuses pushes without the account key, malformed ones and other paths', async () => {
  const store = CallStore.open(':memory:');
  const rejected: string[] = [];
  const receiver = await startCallbackReceiver({
    store,
    apiKey: 'KKright',
    onRejected: (reason) => rejected.push(reason),
  });
  const post = (body: string, contentType = 'application/json', url = receiver.url) =>
    fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  try {
    expect((await post(JSON.stringify({ monitorUCID: '1', Apikey: 'KKwrong' }))).status).toBe(401);
    expect((await post(JSON.stringify({ monitorUCID: '1' }))).status).toBe(401);
    expect((await post('data=%7Bnot-json', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect(
      (await post('{}', 'application/json', receiver.url.replace('/ozonetel/callback', '/other')))
        .status,
    ).toBe(404);
    expect((await fetch(receiver.url)).status).toBe(405);
    expect(store.count()).toBe(0);
    expect(receiver.rejected).toBe(3);
    expect(rejected.join('\n')).not.toContain('KKright');
  } finally {
    await receiver.close();
    store.close();
  }
});

test('a push the store cannot take is refused with the real cause for the operator', async () => {
  world = await startTestWorld({ ozonetel: { calls: 5 } });
  const path = temporaryDatabase();
  const store = CallStore.open(path, { maxPageCount: 12 });
  // Fill the capped database: the next write fails as on a full disk.
  const notes = [{ text: 'x'.repeat(2000) }];
  for (let index = 0; ; index++) {
    try {
      store.upsert([makeCall({ id: `filler-${index}`, notes })]);
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      break;
    }
  }
  const rejected: string[] = [];
  const receiver = await startCallbackReceiver({
    store,
    apiKey: world.ozonetel.apiKey,
    onRejected: (reason) => rejected.push(reason),
  });
  try {
    const [call] = world.ozonetel.calls();
    expect(await world.ozonetel.pushCallback(receiver.url, call!.ucid)).toBe(500);
    // Not just "could not store the call": the operator learns the disk is full, and where.
    expect(rejected).toEqual([`could not store the call: disk full writing ${path}`]);
  } finally {
    await receiver.close();
    store.close();
  }
});
