import { afterEach, expect, test } from 'vitest';
import { PlivoSimulator } from './plivo-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
let simulator: PlivoSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function get(sim: PlivoSimulator, query: string, token = sim.authToken) {
  const authorization = `Basic ${Buffer.from(`${sim.authId}:${token}`).toString('base64')}`;
  const response = await fetch(`${sim.url}/v1/Account/${sim.authId}/Call/?${query}`, {
    headers: { authorization },
  });
  return { status: response.status, body: (await response.json()) as Record<string, never> };
}

test('the documented windows: none → 7 days, one bound → 30 days, more than 30 days → 400', async () => {
  simulator = await PlivoSimulator.start({ calls: 300, days: 20, now: testNow });
  const sim = simulator;
  const all = sim.calls();
  const within = (days: number) => all.filter((call) => call.end >= testNow - days * 86_400_000);
  const none = await get(sim, 'limit=1');
  expect(none.body.meta).toMatchObject({ total_count: within(7).length });
  // The implicit bound is written into next, as in Plivo's own example.
  expect(String((none.body.meta as unknown as { next: string }).next)).toContain('end_time__gt=');
  const lower = await get(sim, `end_time__gte=${encodeURIComponent('2026-11-10 00:00')}&limit=1`);
  expect(lower.status).toBe(200);
  const wide = await get(
    sim,
    `end_time__gte=${encodeURIComponent('2026-10-01 00:00:00')}&end_time__lte=${encodeURIComponent('2026-11-20 00:00:00')}`,
  );
  expect(wide.status).toBe(400);
  expect(wide.body.error).toContain('30 days');
});

test('limit 1–20, a bad date, wrong credentials, an unknown call: Plivo’s error bodies', async () => {
  simulator = await PlivoSimulator.start({ calls: 10, now: testNow });
  const sim = simulator;
  expect((await get(sim, 'limit=21')).status).toBe(400);
  expect((await get(sim, 'limit=0')).status).toBe(400);
  expect((await get(sim, 'end_time__gte=yesterday')).status).toBe(400);
  const denied = await get(sim, 'limit=1', 'wrong');
  expect(denied.status).toBe(401);
  expect(Object.keys(denied.body).sort()).toEqual(['api_id', 'error']);
  const authorization = `Basic ${Buffer.from(`${sim.authId}:${sim.authToken}`).toString('base64')}`;
  const missing = await fetch(
    `${sim.url}/v1/Account/${sim.authId}/Call/00000000-0000-4000-a000-000000000000/`,
    { headers: { authorization } },
  );
  expect([missing.status, ((await missing.json()) as { error: string }).error]).toEqual([
    404,
    'not found',
  ]);
});

test('the 301st request of five seconds is a 429 with no Retry-After', async () => {
  simulator = await PlivoSimulator.start({ calls: 1, now: testNow });
  const sim = simulator;
  // Fifty at a time: the 300 land well inside the five seconds even on a loaded machine.
  for (let batch = 0; batch < 6; batch++) {
    const answers = await Promise.all(Array.from({ length: 50 }, () => get(sim, 'limit=1')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
  }
  const authorization = `Basic ${Buffer.from(`${sim.authId}:${sim.authToken}`).toString('base64')}`;
  const refused = await fetch(`${sim.url}/v1/Account/${sim.authId}/Call/?limit=1`, {
    headers: { authorization },
  });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBeNull();
  expect(sim.rateLimitedCount).toBe(1);
});

test('pages newest end first, with relative next links until null', async () => {
  simulator = await PlivoSimulator.start({ calls: 45, now: testNow });
  const sim = simulator;
  const seen: string[] = [];
  let query = `end_time__gte=${encodeURIComponent('2026-11-20 00:00:00')}&end_time__lte=${encodeURIComponent('2026-11-24 06:30:00')}&limit=20&offset=0`;
  for (;;) {
    const page = await get(sim, query);
    const objects = page.body.objects as unknown as { call_uuid: string; end_time: string }[];
    seen.push(...objects.map((record) => record.call_uuid));
    const next = (page.body.meta as unknown as { next: string | null }).next;
    if (next === null) break;
    expect(next.startsWith(`/v1/Account/${sim.authId}/Call/?`)).toBe(true);
    query = next.split('?')[1]!;
  }
  expect(seen).toEqual(sim.calls().map((call) => call.id));
});
