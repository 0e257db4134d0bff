import { startTestServer } from '@cdr/core/testing';
import { afterEach, expect, test } from 'vitest';
import { TelecmiSimulator } from './telecmi-simulator.js';

// The data sets end here: a fixed instant, so no test depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');

let simulator: TelecmiSimulator | undefined;
afterEach(() => simulator?.stop());

async function listAll(url: string, body: Record<string, unknown>, limit = 10): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, page, limit }),
    });
    const { cdr } = (await response.json()) as { cdr: { _id?: string; cmiuid?: string }[] };
    if (cdr.length === 0) return ids;
    ids.push(...cdr.map((record) => record._id ?? record.cmiuid!));
  }
}

const missedOut = { account: 'piopiy-app', direction: 'outbound', status: 'missed' } as const;

test('windows are inclusive at both ends, newest first, and follow added calls', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 3 });
  const base = Date.UTC(2026, 10, 20, 10);
  const times = [base - 1, base, base + 500, base + 1000, base + 1001];
  const calls = times.map((time) => simulator!.addCall(missedOut, time));
  const { appId, appSecret } = simulator.credentials['piopiy-app'];
  const url = `${simulator.url}/v1/outmissed`;
  const window = { appid: appId, token: appSecret, start_date: base, end_date: base + 1000 };
  expect(await listAll(url, window)).toEqual([calls[3]!.id, calls[2]!.id, calls[1]!.id]);

  const late = simulator.addCall(missedOut, base + 700);
  expect(await listAll(url, window)).toEqual([calls[3]!.id, late.id, calls[2]!.id, calls[1]!.id]);
  const truth = simulator.calls('piopiy-app', { from: new Date(base), to: new Date(base + 1000) });
  expect(truth).toHaveLength(4);
  simulator.removeCall(late.id);
  expect(await listAll(url, window)).toHaveLength(3);
});

test('each surface answers with its own keys and caps', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 300, seed: 4 });
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${simulator!.url}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const { rest, piopiy } = simulator.accounts;
  const window = { start_date: 0, end_date: testNow };
  const restApp = await post('/v2/answered', {
    appid: rest.appId,
    secret: rest.appSecret,
    ...window,
    limit: 20,
  });
  expect(restApp.status).toBe(200);
  expect(restApp.body).toHaveProperty('count');
  expect((restApp.body.cdr as { cmiuid: string }[])[0]).toHaveProperty('cmiuid');
  expect(
    await post('/v2/answered', { appid: rest.appId, secret: rest.appSecret, ...window, limit: 21 }),
  ).toEqual({
    status: 400,
    body: { code: 400, msg: 'Parameter limit lesser then equals 20' },
  });
  const piopiyApp = await post('/v1/answered', {
    appid: piopiy.appId,
    token: piopiy.appSecret,
    ...window,
  });
  expect(piopiyApp.body).toMatchObject({ code: '200' });
  expect(piopiyApp.body).toHaveProperty('total');
  expect(
    await post('/v1/answered', {
      appid: piopiy.appId,
      token: piopiy.appSecret,
      ...window,
      limit: 11,
    }),
  ).toMatchObject({ status: 400 });
  const user = await post('/v2/user/missed', { token: rest.userToken, from: 0, to: testNow });
  expect((user.body.cdr as Record<string, unknown>[]).every((record) => !('to' in record))).toBe(
    true,
  );
  expect(await post('/v2/user/missed', { token: rest.userToken })).toEqual({
    status: 400,
    body: { code: 400, msg: 'Parameter missing' },
  });
  expect((await post('/v2/user/missed', { token: 'nope', from: 0, to: 1 })).status).toBe(404);
});

test('pages of a large listing match the ground truth exactly', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 4000, days: 2, seed: 9 });
  const { token } = simulator.credentials['rest-user'];
  const from = simulator.dataSet.now - 36 * 3_600_000;
  const to = simulator.dataSet.now - 12 * 3_600_000;
  const listed = await listAll(`${simulator.url}/v2/user/out_cdr`, { token, from, to, type: 1 });
  const expected = simulator
    .calls(
      'rest-user',
      { from: new Date(from), to: new Date(to) },
      { direction: 'outbound', status: 'answered' },
    )
    .sort((a, b) => b.time - a.time || a.id.localeCompare(b.id))
    .map((call) => call.id);
  expect(listed).toEqual(expected);
  expect(listed.length).toBeGreaterThan(200);
});

test('pushWebhook sends the legs in the order chosen, repeated, among live events', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 12 });
  const received: { method: string; contentType: string; fields: Record<string, unknown> }[] = [];
  const receiver = await startTestServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://receiver.invalid');
    received.push({
      method: request.method ?? '',
      contentType: request.headers['content-type'] ?? '',
      fields: request.method === 'GET' ? Object.fromEntries(url.searchParams) : JSON.parse(body),
    });
    response.writeHead(204);
    response.end();
  });
  try {
    const call = simulator.addCall(
      { account: 'rest-app', direction: 'outbound', status: 'answered' },
      testNow - 60_000,
    );
    const label = (fields: Record<string, unknown>) => `${fields.type}:${fields.leg}`;
    const repeated = await simulator.pushWebhook(receiver.url, call.id, {
      repeat: 3,
      liveEvents: true,
    });
    expect(repeated.map((delivery) => label(delivery.payload))).toEqual([
      'event:a',
      'event:a',
      'cdr:a',
      'event:b',
      'cdr:b',
      'cdr:a',
      'cdr:b',
      'cdr:a',
      'cdr:b',
    ]);
    expect(received.map((request) => label(request.fields))).toEqual(
      repeated.map((delivery) => label(delivery.payload)),
    );
    expect(received.every((request) => request.contentType === 'application/json')).toBe(true);

    const bFirst = await simulator.pushWebhook(receiver.url, call.id, { order: 'b-first' });
    expect(bFirst.map((delivery) => label(delivery.payload))).toEqual(['cdr:b', 'cdr:a']);

    const shuffle = (seed: number) =>
      simulator!
        .pushWebhook(receiver.url, call.id, { order: 'random', repeat: 2, liveEvents: true, seed })
        .then((deliveries) => deliveries.map((delivery) => label(delivery.payload)).join(' '));
    const orders = new Set(await Promise.all([1, 2, 3, 4, 5].map(shuffle)));
    expect(orders.size).toBeGreaterThan(1);
    expect(await shuffle(3)).toBe(await shuffle(3));

    received.length = 0;
    await simulator.pushWebhook(receiver.url, call.id, { method: 'GET' });
    expect(received.map((request) => request.method)).toEqual(['GET', 'GET']);
    expect(received[1]!.fields).toMatchObject({ leg: 'b', time: String(call.time) });
  } finally {
    await receiver.close();
  }
});
