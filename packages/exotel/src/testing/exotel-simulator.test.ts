import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { afterEach, expect, test } from 'vitest';
import { exotelCallSchema } from '../exotel-schemas.js';
import { mapExotelCall, parseExotelStatusCallback } from '../map-exotel-call.js';
import { ExotelSimulator } from './exotel-simulator.js';

interface Page {
  Metadata: { NextPageUri: string | null; PrevPageUri: string | null };
  Calls: { Sid: string; DateCreated: string }[];
  RestException?: { Status: number; Message: string };
}

const testNow = Date.parse('2026-11-24T06:30:00Z');
let simulator: ExotelSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function start() {
  simulator = await ExotelSimulator.start({ calls: 50, now: testNow });
  const sim = simulator;
  const authorization = `Basic ${Buffer.from(`${sim.apiKey}:${sim.apiToken}`).toString('base64')}`;
  const get = async (query: string, headers: Record<string, string> = { authorization }) => {
    const answer = await fetch(`${sim.url}/v1/Accounts/${sim.accountSid}/Calls.json?${query}`, {
      headers,
    });
    return { status: answer.status, body: (await answer.json()) as Page };
  };
  return { sim, get };
}

const window = (gte: string, lte: string) =>
  `DateCreated=${encodeURIComponent(`gte:${gte};lte:${lte}`)}`;

test('refuses what Exotel documents it refuses, with a RestException', async () => {
  const { get } = await start();
  expect((await get('', {})).status).toBe(401);
  expect((await get('PageSize=101')).status).toBe(400);
  expect((await get(window('2026-09-01 00:00:00', '2026-10-15 00:00:00'))).body).toMatchObject({
    RestException: { Status: 400, Message: 'DateCreated range cannot exceed one month' },
  });
  expect((await get(window('2026-04-01 00:00:00', '2026-04-02 00:00:00'))).status).toBe(400);
  expect((await get('DateCreated=yesterday')).status).toBe(400);
  expect((await get('After=garbage')).status).toBe(400);
});

test('newest first by default, 50 a page, an After cursor in NextPageUri that ends', async () => {
  const { sim, get } = await start();
  const first = await get('');
  expect(first.status).toBe(200);
  expect(first.body.Calls).toHaveLength(Math.min(50, sim.calls().length));
  const times = first.body.Calls.map((call) => call.DateCreated);
  expect(times).toEqual([...times].sort().reverse());
  const ascending = await get(`SortBy=${encodeURIComponent('DateCreated:asc')}&PageSize=20`);
  const ids: string[] = ascending.body.Calls.map((call) => call.Sid);
  let next: string | null = ascending.body.Metadata.NextPageUri;
  expect(next).toContain('After=');
  while (next) {
    const page = await get(new URL(next, sim.url).search.slice(1));
    ids.push(...page.body.Calls.map((call) => call.Sid));
    next = page.body.Metadata.NextPageUri;
  }
  // PrevPageUri (a Before cursor) of the second page leads back to the first.
  const second = await get(new URL(ascending.body.Metadata.NextPageUri!, sim.url).search.slice(1));
  const back = await get(new URL(second.body.Metadata.PrevPageUri!, sim.url).search.slice(1));
  expect(back.body.Calls.map((call) => call.Sid)).toEqual(ids.slice(0, 20));
  expect(ids).toEqual(
    sim
      .calls({ from: new Date(testNow - 31 * 86_400_000), to: new Date(testNow) })
      .map((call) => call.id),
  );
});

test('serves its ground truth at /__truth', async () => {
  const { sim } = await start();
  const truth = await (await fetch(`${sim.url}/__truth`)).json();
  expect(truth).toEqual(sim.calls().map((call) => call.id));
});

test('a StatusCallback, form or JSON, tells what the listing tells but the price and the total', async () => {
  const { sim } = await start();
  const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });
  const answeredInbound = sim
    .calls()
    .find((call) => call.exotelStatus === 'completed' && call.direction === 'inbound')!;
  const missed = sim.calls().find((call) => call.exotelStatus === 'no-answer')!;
  for (const call of [answeredInbound, missed]) {
    const listed = mapExotelCall(exotelCallSchema.parse(call.record), normalize, {
      timeZone: 'Asia/Kolkata',
    });
    for (const json of [false, true]) {
      const { headers, body } = sim.statusCallback(call.id, { json });
      const pushed = parseExotelStatusCallback(body, { contentType: headers['content-type'] });
      const told = (mapped: typeof listed) => ({
        id: mapped.id,
        direction: mapped.direction,
        status: mapped.status,
        from: mapped.from,
        to: mapped.to,
        startedAt: mapped.startedAt,
        endedAt: mapped.endedAt,
        talkSeconds: mapped.durations.talkSeconds,
        recording: mapped.recording,
      });
      expect(told(pushed)).toEqual(told(listed));
    }
  }
});
