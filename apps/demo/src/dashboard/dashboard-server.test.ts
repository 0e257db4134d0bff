// The dashboard server's own limits: live-update listeners are capped, and a page over the
// cap is told to come back rather than held open.
import { expect, test } from 'vitest';
import { SqliteCallStore } from '../store/sqlite/sqlite-call-store.ts';
import { temporaryDatabase, testNow } from '../testing/test-support.ts';
import { startDashboardServer } from './dashboard-server.ts';

/** Opens the live-update stream and reads its first event: the listener is then held. */
async function listen(url: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}events`, { signal: controller.signal });
  if (response.status === 200) {
    const reader = response.body!.getReader();
    await reader.read();
  }
  return { status: response.status, response, close: () => controller.abort() };
}

test('live-update listeners are capped: one over the cap is a 503 with retry-after, and a freed place is taken again', async () => {
  const store = SqliteCallStore.open(temporaryDatabase());
  const server = await startDashboardServer({
    store,
    now: () => new Date(testNow),
    maxListeners: 3,
  });
  const held: Awaited<ReturnType<typeof listen>>[] = [];
  try {
    for (let index = 0; index < 3; index++) held.push(await listen(server.url));
    expect(held.map((listener) => listener.status)).toEqual([200, 200, 200]);
    const refused = await listen(server.url);
    expect(refused.status).toBe(503);
    expect(refused.response.headers.get('retry-after')).toBe('30');
    expect(await refused.response.text()).toMatch(/Too many open pages \(3\)/);
    held.shift()!.close();
    // The server sees the page go, and its place is free again.
    for (let tries = 0; held.length < 3 && tries < 200; tries++) {
      const again = await listen(server.url);
      if (again.status === 200) held.push(again);
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(held).toHaveLength(3);
  } finally {
    for (const listener of held) listener.close();
    await server.close();
    await store.close();
  }
});
