// The push server with a plain test route: routing, verification, storing, and the limits
// that keep slow or idle clients from holding it. Each provider's route has its own tests.
import { connect } from 'node:net';
import { MalformedResponseError } from '@cdr/core';
import { expect, test } from 'vitest';
import { SqliteCallStore } from '../store/sqlite/sqlite-call-store.ts';
import { StoreError } from '../store/store-error.ts';
import { makeCall, storedCalls, temporaryDatabase, until } from '../testing/test-support.ts';
import { PushRejected, type PushRoute, startPushServer } from './push-server.ts';

/** Pushes of `{"id": …}` JSON with an `x-token: right` header; `{"event": …}` carries no call. */
const testRoute: PushRoute = {
  path: '/test/account',
  account: 'test:account',
  description: 'test pushes',
  handle(push) {
    if (push.headers['x-token'] !== 'right') throw new PushRejected(401, 'wrong token');
    let body: { id?: unknown; event?: unknown; notes?: { text: string }[] };
    try {
      body = JSON.parse(push.body) as typeof body;
    } catch {
      throw new MalformedResponseError({ provider: 'test', message: 'the push is not JSON' });
    }
    if (typeof body.event === 'string') return { ignored: `a live ${body.event} event` };
    return [makeCall({ id: String(body.id), notes: body.notes ?? [] })];
  },
};

async function server(options: Partial<Parameters<typeof startPushServer>[0]> = {}) {
  const database = temporaryDatabase();
  const store = SqliteCallStore.open(database);
  const rejected: string[] = [];
  const push = await startPushServer({
    store,
    routes: [testRoute],
    onRejected: (reason) => rejected.push(reason),
    ...options,
  });
  const post = (body: string, { token = 'right', path = testRoute.path } = {}) =>
    fetch(push.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token': token },
      body,
    });
  return {
    push,
    store,
    database,
    rejected,
    post,
    async close() {
      await push.close();
      await store.close();
    },
  };
}

test('a push is routed by path, checked, stored once; repeats and live events are counted apart', async () => {
  const running = await server();
  try {
    expect((await running.post('{"id":"1"}')).status).toBe(200);
    expect((await running.post('{"id":"1"}')).status).toBe(200);
    expect((await running.post('{"id":"2"}')).status).toBe(200);
    const ignored = await running.post('{"event":"ringing"}');
    expect([ignored.status, await ignored.text()]).toEqual([
      200,
      'ignored: a live ringing event\n',
    ]);
    expect(running.push.stored).toEqual({ inserted: 2, updated: 0, unchanged: 1 });
    expect(running.push.received).toBe(3);
    expect(running.push.ignored).toBe(1);
    const stored = await storedCalls(running.database);
    expect(stored.map((call) => call.id).sort()).toEqual(['1', '2']);
  } finally {
    await running.close();
  }
});

test('refused: a failed check (its status), an unreadable push (400), another path (404), not a POST (405)', async () => {
  const running = await server();
  try {
    expect((await running.post('{"id":"1"}', { token: 'wrong' })).status).toBe(401);
    expect((await running.post('{not json')).status).toBe(400);
    expect((await running.post('{"id":"1"}', { path: '/other' })).status).toBe(404);
    expect((await fetch(running.push.url + testRoute.path)).status).toBe(405);
    expect(running.push.rejected).toBe(2);
    expect(running.rejected).toEqual(['wrong token', '[test] the push is not JSON']);
    expect(await storedCalls(running.database)).toEqual([]);
  } finally {
    await running.close();
  }
});

test('a push the store cannot take is refused with the real cause for the operator', async () => {
  const database = temporaryDatabase();
  const store = SqliteCallStore.open(database, { maxPageCount: 60 });
  // Fill the capped database: the next write fails as on a full disk.
  const notes = [{ text: 'x'.repeat(2000) }];
  for (let index = 0; ; index++) {
    try {
      await store.writeSlice({
        account: 'test:account',
        calls: [makeCall({ id: `filler-${index}`, notes })],
      });
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      break;
    }
  }
  const rejected: string[] = [];
  const push = await startPushServer({
    store,
    routes: [testRoute],
    onRejected: (reason) => rejected.push(reason),
  });
  try {
    const response = await fetch(push.url + testRoute.path, {
      method: 'POST',
      headers: { 'x-token': 'right' },
      body: JSON.stringify({ id: 'one-more', notes }),
    });
    expect([response.status, await response.text()]).toEqual([500, 'could not store the call\n']);
    // Not just "could not store the call": the operator learns the disk is full, and where.
    expect(rejected).toEqual([`could not store the call: disk full writing ${database}`]);
  } finally {
    await push.close();
    await store.close();
  }
});

/** A raw TCP client of the server: what it was sent back, once the connection is closed. */
function rawClient(url: string, localAddress?: string) {
  const { hostname, port } = new URL(url);
  const socket = connect({
    port: Number(port),
    host: hostname,
    ...(localAddress ? { localAddress } : {}),
  });
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

// These tests end by the server closing a connection: before the limits existed they
// waited for Node's defaults (minutes), so a short timeout makes that a quick failure.
const cutOff = { timeout: 15_000 };

test(
  'a client that drips its headers (slow loris) is cut off by the headers timeout',
  cutOff,
  async () => {
    const running = await server({ headersTimeoutMs: 300 });
    const client = rawClient(running.push.url);
    await client.connected;
    client.write(`POST ${testRoute.path} HTTP/1.1\r\nHost: receiver\r\n`);
    // A header line now and then: never idle, never done.
    const drip = setInterval(() => client.write('X-Slow: 1\r\n'), 20);
    try {
      expect(await client.closed).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(drip);
      await running.close();
    }
  },
);

test(
  'a push whose body stalls after the headers is answered 408 and its connection closed',
  cutOff,
  async () => {
    const running = await server({ bodyTimeoutMs: 300 });
    const client = rawClient(running.push.url);
    await client.connected;
    client.write(
      `POST ${testRoute.path} HTTP/1.1\r\nHost: receiver\r\nx-token: right\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"id":`,
    );
    try {
      expect(await client.closed).toMatch(/^HTTP\/1\.1 408 /);
      expect(running.rejected).toEqual(['the body did not arrive within 0.3 s']);
      expect(await storedCalls(running.database)).toEqual([]);
    } finally {
      await running.close();
    }
  },
);

test(
  'connections beyond the cap are closed unanswered; pushes go through again once others close',
  cutOff,
  async () => {
    const running = await server({ maxConnections: 2 });
    try {
      const holders = [rawClient(running.push.url), rawClient(running.push.url)];
      await Promise.all(holders.map((holder) => holder.connected));
      // The server takes connections in the order they came: the third finds the cap reached.
      expect(await rawClient(running.push.url).closed).toBe('');
      await expect(running.post('{"id":"1"}')).rejects.toThrow();
      for (const holder of holders) holder.socket.destroy();
      await until(() => running.push.openConnections === 0);
      expect((await running.post('{"id":"1"}')).status).toBe(200);
      expect(await storedCalls(running.database)).toHaveLength(1);
    } finally {
      await running.close();
    }
  },
);

test(
  'one client holding half-sent requests cannot starve the others: it gets its share, they get through',
  cutOff,
  async () => {
    const running = await server({ maxConnections: 128, maxConnectionsPerClient: 4 });
    // The hostile client pushes from another loopback address than the pushers.
    const hostile = Array.from({ length: 130 }, () => rawClient(running.push.url, '127.0.0.2'));
    try {
      for (const client of hostile)
        client.write(
          `POST ${testRoute.path} HTTP/1.1\r\nHost: receiver\r\nContent-Length: 100\r\n\r\n{`,
        );
      await until(() => running.push.openConnections >= 4);
      // Without the per-client cap the hostile client held the global cap (128 of 130
      // connections) and these were closed unanswered.
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++)
        statuses.push((await running.post(`{"id":"${index}"}`)).status);
      expect(statuses).toEqual(Array(20).fill(200));
      expect(await storedCalls(running.database)).toHaveLength(20);
    } finally {
      for (const client of hostile) client.socket.destroy();
      await running.close();
    }
  },
);

test('a push of any age is stored; the receiver’s clock refuses only what its limits say', async () => {
  // The test route's calls start on 2026-11-20T10:00Z; the clock is the test's, not the machine's.
  const now = () => new Date('2028-01-01T00:00:00Z');
  const lenient = await server({ pushAge: { now } });
  try {
    expect((await lenient.post('{"id":"old"}')).status).toBe(200);
    expect(lenient.push.stored.inserted).toBe(1);
  } finally {
    await lenient.close();
  }
  const strict = await server({ pushAge: { now, maxAgeMs: 30 * 86_400_000 } });
  try {
    const refused = await strict.post('{"id":"old"}');
    expect(refused.status).toBe(400);
    expect(strict.rejected.join('\n')).toMatch(/call old is older than the receiver accepts/);
    expect(await storedCalls(strict.database)).toEqual([]);
  } finally {
    await strict.close();
  }
  // A day and a minute before the call's start: the call lies too far ahead of the clock.
  const behind = await server({
    pushAge: { now: () => new Date('2026-11-19T09:59:00Z') },
  });
  try {
    expect((await behind.post('{"id":"ahead"}')).status).toBe(400);
    expect(behind.rejected.join('\n')).toMatch(/starts after the receiver's clock allows/);
  } finally {
    await behind.close();
  }
});
