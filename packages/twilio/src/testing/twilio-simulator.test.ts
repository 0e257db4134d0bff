import { afterEach, describe, expect, test } from 'vitest';
import { TwilioSimulator } from './twilio-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
let simulator: TwilioSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function get(path: string, auth?: [string, string]) {
  const headers: Record<string, string> = auth
    ? { authorization: `Basic ${Buffer.from(auth.join(':')).toString('base64')}` }
    : {};
  const response = await fetch(simulator!.url + path, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('TwilioSimulator', () => {
  test('serves pages newest first with next_page_uri until null, exactly the ground truth', async () => {
    simulator = await TwilioSimulator.start({ calls: 120, now: testNow });
    const auth: [string, string] = [simulator.accountSid, simulator.authToken];
    let next: string | null = `/2010-04-01/Accounts/${simulator.accountSid}/Calls.json?PageSize=25`;
    const sids: string[] = [];
    let pages = 0;
    while (next) {
      const { status, body } = await get(next, auth);
      expect(status).toBe(200);
      expect(body.page).toBe(pages++);
      for (const call of body.calls as { sid: string }[]) sids.push(call.sid);
      next = body.next_page_uri as string | null;
    }
    expect(pages).toBe(5);
    expect(sids).toEqual(
      simulator
        .calls()
        .map((call) => call.id)
        .reverse(),
    );
  });

  test('filters StartTime> (on or after) and StartTime< (before), dates or date-times', async () => {
    simulator = await TwilioSimulator.start({ calls: 300, now: testNow });
    const auth: [string, string] = [simulator.apiKey, simulator.apiSecret];
    const from = new Date('2026-11-22T00:00:00Z');
    const to = new Date('2026-11-23T00:00:00Z');
    const path = `/2010-04-01/Accounts/${simulator.accountSid}/Calls.json?StartTime%3E=2026-11-22&StartTime%3C=2026-11-23T00:00:00Z&PageSize=1000`;
    const { body } = await get(path, auth);
    const expected = simulator
      .calls({ from, to: new Date(to.getTime() - 1) })
      .map((call) => call.id);
    expect((body.calls as { sid: string }[]).map((call) => call.sid).sort()).toEqual(
      expected.sort(),
    );
  });

  test('answers as Twilio does: 20003, 20404, 20001, 20429', async () => {
    simulator = await TwilioSimulator.start({ calls: 10, now: testNow });
    const list = `/2010-04-01/Accounts/${simulator.accountSid}/Calls.json`;
    const auth: [string, string] = [simulator.accountSid, simulator.authToken];
    expect(await get(list)).toMatchObject({ status: 401, body: { code: 20003, status: 401 } });
    expect(await get(list, [simulator.accountSid, 'wrong'])).toMatchObject({ status: 401 });
    expect(await get(`/2010-04-01/Accounts/AC${'0'.repeat(32)}/Calls.json`, auth)).toMatchObject({
      status: 404,
      body: { code: 20404 },
    });
    expect(await get(`${list}?PageSize=1001`, auth)).toMatchObject({
      status: 400,
      body: { code: 20001 },
    });
    expect(await get(`${list}?PageToken=PAnope`, auth)).toMatchObject({ status: 400 });
    expect(await get(`${list}?StartTime%3E=yesterday`, auth)).toMatchObject({ status: 400 });
    simulator.injectFault('rate-limited', 1);
    expect(await get(list, auth)).toMatchObject({
      status: 429,
      body: { code: 20429, more_info: 'https://www.twilio.com/docs/errors/20429' },
    });
    const call = simulator.calls()[3]!;
    expect(
      await get(`/2010-04-01/Accounts/${simulator.accountSid}/Calls/${call.id}.json`, auth),
    ).toMatchObject({
      status: 200,
      body: { sid: call.id },
    });
  });

  test('records look like the docs sample: RFC 2822 times, string durations and prices', async () => {
    simulator = await TwilioSimulator.start({ calls: 200, now: testNow });
    const records = simulator.calls().map((call) => call.record);
    const completed = records.find((record) => record.status === 'completed' && record.price)!;
    expect(completed.start_time).toMatch(
      /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/,
    );
    expect(completed.duration).toMatch(/^\d+$/);
    expect(completed.price).toMatch(/^-\d+\.\d{5}$/);
    expect(records.some((record) => record.parent_call_sid)).toBe(true);
    expect(records.some((record) => record.status === 'completed' && record.price === null)).toBe(
      true,
    );
    expect(new Set(records.map((record) => record.direction))).toEqual(
      new Set([
        'inbound',
        'outbound-api',
        'outbound-dial',
        'trunking-originating',
        'trunking-terminating',
      ]),
    );
  });
});
