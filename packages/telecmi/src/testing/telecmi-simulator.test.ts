import { afterEach, expect, test } from 'vitest';
import { TelecmiSimulator } from './telecmi-simulator.js';

// The data sets end here: a fixed instant, so no test depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');

let simulator: TelecmiSimulator | undefined;
afterEach(() => simulator?.stop());

async function listAll(url: string, body: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, page, limit: 10 }),
    });
    const { cdr } = (await response.json()) as { cdr: { _id?: string; cmiuid?: string }[] };
    if (cdr.length === 0) return ids;
    ids.push(...cdr.map((record) => record._id ?? record.cmiuid!));
  }
}

test('windows are inclusive at both ends, newest first, and follow added calls', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 3 });
  const base = Date.UTC(2026, 10, 20, 10);
  const times = [base - 1, base, base + 500, base + 1000, base + 1001];
  const calls = times.map((time) => simulator!.addCall('app-outgoing-missed', time));
  const { appId, appSecret } = simulator.credentials.app;
  const url = `${simulator.url}/v1/outmissed`;
  const window = { appid: appId, token: appSecret, start_date: base, end_date: base + 1000 };
  expect(await listAll(url, window)).toEqual([calls[3]!.id, calls[2]!.id, calls[1]!.id]);

  const late = simulator.addCall('app-outgoing-missed', base + 700);
  expect(await listAll(url, window)).toEqual([calls[3]!.id, late.id, calls[2]!.id, calls[1]!.id]);
  const truth = simulator.calls('app', { from: new Date(base), to: new Date(base + 1000) });
  expect(truth).toHaveLength(4);
});

test('pages of a large listing match the ground truth exactly', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 2000, days: 2, seed: 9 });
  const { token } = simulator.credentials.user;
  const from = simulator.dataSet.now - 36 * 3_600_000;
  const to = simulator.dataSet.now - 12 * 3_600_000;
  const listed = await listAll(`${simulator.url}/v2/user/out_cdr`, { token, from, to, type: 1 });
  const expected = simulator
    .calls('user', { from: new Date(from), to: new Date(to) })
    .filter((call) => call.endpoint === 'user-outgoing-answered')
    .sort((a, b) => b.time - a.time || a.id.localeCompare(b.id))
    .map((call) => call.id);
  expect(listed).toEqual(expected);
  expect(listed.length).toBeGreaterThan(500);
});
