import { connect } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { CallStore } from './call-store.ts';
import { startCallbackReceiver } from './callback-receiver.ts';
import { StoreError } from './store-error.ts';
import {
  makeCall,
  startTestWorld,
  type TestWorld,
  temporaryDatabase,
  until,
} from './test-support.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

test('pushes in each encoding are verified, mapped like getCall and stored once', async () => {
  world = await startTestWorld({ ozonetel: { calls: 30 } });
  const store = CallStore.open(':memory:');
  const receiver = await startCallbackReceiver({
    store,
    apiKey: world.ozonetel.apiKey,
    now: world.clock.now,
  });
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
    now: world.clock.now,
    onRejected: (reason) => rejected.push(reason),
  });
  try {
    const call = world.ozonetel
      .calls()
      .find((candidate) => world!.ozonetel.storeOf(candidate) !== 'none');
    expect(await world.ozonetel.pushCallback(receiver.url, call!.ucid)).toBe(500);
    // Not just "could not store the call": the operator learns the disk is full, and where.
    expect(rejected).toEqual([`could not store the call: disk full writing ${path}`]);
  } finally {
    await receiver.close();
    store.close();
  }
});

/** A raw TCP client of the receiver: what it was sent back, once the connection is closed. */
function rawClient(url: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  // A reset is one way of being closed; the test looks at what came back.
  socket.on('error', () => undefined);
  return {
    socket,
    connected: new Promise<void>((resolve) => socket.once('connect', () => resolve())),
    closed: new Promise<string>((resolve) => socket.once('close', () => resolve(received))),
    write(text: string) {
      if (!socket.destroyed) socket.write(text);
    },
  };
}

// These tests end by the receiver closing a connection: before the limits existed they
// waited for Node's defaults (minutes), so a short timeout makes that a quick failure.
const cutOff = { timeout: 15_000 };

test(
  'a client that drips its headers (slow loris) is cut off by the headers timeout',
  cutOff,
  async () => {
    const store = CallStore.open(':memory:');
    const receiver = await startCallbackReceiver({
      store,
      apiKey: 'KKright',
      headersTimeoutMs: 300,
    });
    const client = rawClient(receiver.url);
    await client.connected;
    client.write(`POST ${new URL(receiver.url).pathname} HTTP/1.1\r\nHost: receiver\r\n`);
    // A header line now and then: never idle, never done.
    const drip = setInterval(() => client.write('X-Slow: 1\r\n'), 20);
    try {
      expect(await client.closed).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(drip);
      await receiver.close();
      store.close();
    }
  },
);

test(
  'a push whose body stalls after the headers is answered 408 and its connection closed',
  cutOff,
  async () => {
    const store = CallStore.open(':memory:');
    const rejected: string[] = [];
    const receiver = await startCallbackReceiver({
      store,
      apiKey: 'KKright',
      bodyTimeoutMs: 300,
      onRejected: (reason) => rejected.push(reason),
    });
    const client = rawClient(receiver.url);
    await client.connected;
    client.write(
      `POST ${new URL(receiver.url).pathname} HTTP/1.1\r\nHost: receiver\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"monitorUCID":`,
    );
    try {
      expect(await client.closed).toMatch(/^HTTP\/1\.1 408 /);
      expect(rejected).toEqual(['the body did not arrive within 0.3 s']);
      expect(store.count()).toBe(0);
    } finally {
      await receiver.close();
      store.close();
    }
  },
);

test(
  'connections beyond the cap are closed unanswered; pushes go through again once others close',
  cutOff,
  async () => {
    world = await startTestWorld({ ozonetel: { calls: 5 } });
    const store = CallStore.open(':memory:');
    const receiver = await startCallbackReceiver({
      store,
      apiKey: world.ozonetel.apiKey,
      now: world.clock.now,
      maxConnections: 2,
    });
    try {
      const holders = [rawClient(receiver.url), rawClient(receiver.url)];
      await Promise.all(holders.map((holder) => holder.connected));
      // The server takes connections in the order they came: the third finds the cap reached.
      expect(await rawClient(receiver.url).closed).toBe('');
      const call = world.ozonetel
        .calls()
        .find((candidate) => world!.ozonetel.storeOf(candidate) !== 'none');
      await expect(world.ozonetel.pushCallback(receiver.url, call!.ucid)).rejects.toThrow();
      expect(store.count()).toBe(0);

      for (const holder of holders) holder.socket.destroy();
      await until(() => receiver.openConnections === 0);
      expect(await world.ozonetel.pushCallback(receiver.url, call!.ucid)).toBe(200);
      expect(store.count()).toBe(1);
    } finally {
      await receiver.close();
      store.close();
    }
  },
);
