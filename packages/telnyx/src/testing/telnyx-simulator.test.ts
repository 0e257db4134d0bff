import { afterEach, expect, test } from 'vitest';
import { TelnyxSimulator } from './telnyx-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
let simulator: TelnyxSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

const get = (sim: TelnyxSimulator, query: string, apiKey = sim.apiKey) =>
  fetch(`${sim.url}/v2/detail_records?${query}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });

test('the budget: the 11th request within a second is answered as Telnyx does (429, 10011, x-ratelimit-*)', async () => {
  simulator = await TelnyxSimulator.start({ calls: 5, now: testNow });
  for (let index = 0; index < 10; index++)
    expect((await get(simulator, 'filter[record_type]=webrtc')).status).toBe(200);
  const refused = await get(simulator, 'filter[record_type]=webrtc');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('x-ratelimit-limit')).toBe('10');
  expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(refused.headers.get('x-ratelimit-reset')).toBe('1');
  expect(await refused.json()).toEqual({
    errors: [
      {
        code: '10011',
        title: 'Too many requests',
        detail: 'You have exceeded the maximum number of allowed requests.',
      },
    ],
  });
  expect(simulator.rateLimitedCount).toBe(1);
});

test('record type required, date-only bounds, totals and page numbers as documented', async () => {
  simulator = await TelnyxSimulator.start({ calls: 300, now: testNow, rateLimit: false });
  const missing = await get(simulator, 'page[size]=5');
  expect(missing.status).toBe(400);
  expect(await missing.json()).toMatchObject({
    errors: [{ code: '10011', detail: expect.stringContaining('No matching record type') }],
  });
  const byDay = await get(
    simulator,
    'filter[record_type]=call-control&filter[started_at][gte]=2026-11-23&filter[started_at][lt]=2026-11-24&page[size]=7&page[number]=2',
  );
  const body = (await byDay.json()) as {
    data: { started_at: string }[];
    meta: { total_results: number; total_pages: number; page_number: number; page_size: number };
  };
  const truth = simulator
    .calls({ from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-23T23:59:59.999Z') })
    .filter((call) => call.recordType === 'call-control');
  expect(body.meta).toEqual({
    total_results: truth.length,
    total_pages: Math.ceil(truth.length / 7),
    page_number: 2,
    page_size: 7,
  });
  expect(body.data.map((record) => record.started_at)).toEqual(
    truth.slice(7, 14).map((call) => call.record.started_at),
  );
  expect((await get(simulator, 'filter[record_type]=webrtc', 'KEYwrong')).status).toBe(401);
  expect((await get(simulator, 'filter[record_type]=webrtc&page[size]=51')).status).toBe(422);
});
