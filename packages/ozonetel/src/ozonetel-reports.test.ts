import {
  AuthenticationError,
  type Call,
  CdrError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  RateLimiter,
  ResponseTooLargeError,
  type TransportEvent,
} from '@cdr/core';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { collect } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createOzonetel, type OzonetelSettings } from './ozonetel-provider.js';
import {
  mapOzonetelReportRecord,
  ozonetelReportRecordSchema,
  ReportRecordIssue,
  readOzonetelReportRecord,
} from './ozonetel-report-record.js';
import { splitIntoIstDays } from './ozonetel-reports.js';
import { ozonetelReportsError, ozonetelReportsMessages } from './ozonetel-reports-errors.js';
import { parseReportsBody } from './parse-reports-body.js';
import { OzonetelSimulator, type OzonetelSimulatorOptions } from './testing/ozonetel-simulator.js';

const ist = (wallTime: string) => new Date(`${wallTime.replace(' ', 'T')}+05:30`);
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 8 } };
const quickBudget = { limit: 1000, intervalMs: 100 };

// The published sample record's start, verbatim (fetchCDRDetails), closed after `E164`.
const docsSample = `{"details": [{
"AgentDialStatus": "answered",
"AgentID": "xxxxx",
"AgentName": "xxxxx",
"CallAudio": "https://s3.ap-southeast-1.amazonaws.com/recordings.kookoo.in/demo_user/xxxxxxxx567.mp3",
"CallDate": "2024-12-06",
"CallID": 31733467784618213,
"CallerConfAudioFile": "",
"CallerID": "504995",
"CampaignName": "xxxxxxxx",
"Comments": "",
"ConferenceDuration": "00:00:00",
"CustomerDialStatus": "answered",
"CustomerRingTime": "00:00:00",
"DID": "90050",
"DialOutName": "",
"DialStatus": "answered",
"DialedNumber": "500994",
"Disposition": "Wrap up time exceeded :1",
"Duration": "00:00:56",
"DynamicDID": "",
"E164": "+91504995",
"StartTime": "2024-12-06 11:02:03"
}]}`;

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  for (let index = 0; index < text.length; index += size)
    yield Buffer.from(text.slice(index, index + size));
}

let simulator: OzonetelSimulator | undefined;
let nextSeed = 1000;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

async function start(
  now: string,
  options: Partial<OzonetelSettings> & { simulator?: OzonetelSimulatorOptions } = {},
) {
  const { simulator: simulatorOptions, ...settings } = options;
  simulator = await OzonetelSimulator.start({
    calls: 0,
    // A key of its own: tokens are shared per account (URL, user, key) in the process, and
    // a port may come back in a later test.
    seed: nextSeed++,
    now: ist(now).getTime(),
    reportsRateLimit: quickBudget,
    ...simulatorOptions,
  });
  const sim = simulator;
  const create = (more: Partial<OzonetelSettings> = {}) =>
    createOzonetel({
      userName: sim.userName,
      apiKey: sim.apiKey,
      baseUrl: sim.url,
      now: () => sim.now(),
      transport: fast,
      ...settings,
      ...more,
      reports: { rateLimit: quickBudget, ...settings.reports, ...more.reports },
    });
  return { sim, provider: create(), create };
}

describe('CallID, a bare JSON number above 2^53', () => {
  test("the docs' sample id is read exactly (JSON.parse would not)", async () => {
    expect(String(JSON.parse(docsSample).details[0].CallID)).not.toBe('31733467784618213');
    const records: unknown[] = [];
    await parseReportsBody(chunksOf(docsSample, 13), (record) => {
      records.push(record);
    });
    expect(records).toHaveLength(1);
    const record = ozonetelReportRecordSchema.parse(records[0]);
    expect(record.CallID).toBe('31733467784618213');
    const call = mapOzonetelReportRecord(record, createPhoneNormalizer(), records[0]);
    expect(call).toMatchObject({
      id: '31733467784618213',
      direction: 'unknown',
      status: 'answered',
      startedAt: new Date('2024-12-06T05:32:03Z'),
      durations: { talkSeconds: 56, ringSeconds: 0 },
      recording: {
        url: 'https://s3.ap-southeast-1.amazonaws.com/recordings.kookoo.in/demo_user/xxxxxxxx567.mp3',
      },
      providerFields: {
        Disposition: 'Wrap up time exceeded :1',
        CampaignName: 'xxxxxxxx',
        CallID: '31733467784618213',
      },
    });
    expect((call as Call).raw).toMatchObject({ CallID: '31733467784618213' });
  });

  test('records are handed on as they are parsed, before the body ends', async () => {
    const body = `{"details":[${Array.from({ length: 50 }, (_, index) => `{"CallID":${10n ** 16n + BigInt(index)}}`).join(',')}]}`;
    let chunksRead = 0;
    async function* counted() {
      for await (const chunk of chunksOf(body, 64)) {
        chunksRead++;
        yield chunk;
      }
    }
    const seenAt: number[] = [];
    await parseReportsBody(counted(), () => {
      seenAt.push(chunksRead);
    });
    expect(seenAt).toHaveLength(50);
    expect(seenAt[0]).toBeLessThan(seenAt.at(-1)!);
  });

  test('a listing keeps the simulator’s 17-digit CallIDs exactly; the id is the UCID', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const added = [1, 2, 3].map((hours) =>
      sim.addCall(new Date(sim.now().getTime() - hours * 3_600_000)),
    );
    const calls = await collect(
      provider.listCalls({ from: ist('2026-11-24 00:00:00'), to: sim.now() }),
    );
    // The id is the UCID, as lookups and pushes name the call; the CallID is kept exactly.
    expect(calls.map((call) => call.id).sort()).toEqual(added.map((call) => call.ucid).sort());
    expect(calls.map((call) => call.providerFields?.CallID).sort()).toEqual(
      added.map((call) => call.callId).sort(),
    );
    for (const call of calls) expect(BigInt(call.providerFields!.CallID!) > 2n ** 53n).toBe(true);
  });
});

describe('IST days', () => {
  test('a window crossing midnight IST is two requests, one date each', async () => {
    expect(
      splitIntoIstDays(ist('2026-11-22 22:00:00'), ist('2026-11-23 02:00:00')).map((day) => [
        day.date,
        day.from.toISOString(),
        day.to.toISOString(),
      ]),
    ).toEqual([
      ['2026-11-22', '2026-11-22T16:30:00.000Z', '2026-11-22T18:29:59.999Z'],
      ['2026-11-23', '2026-11-22T18:30:00.000Z', '2026-11-22T20:30:00.000Z'],
    ]);
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const before = sim.addCall(ist('2026-11-22 23:30:00'));
    const after = sim.addCall(ist('2026-11-23 01:15:00'));
    const calls = await collect(
      provider.listCalls({ from: ist('2026-11-22 22:00:00'), to: ist('2026-11-23 02:00:00') }),
    );
    expect(calls.map((call) => call.id)).toEqual([before.ucid, after.ucid]);
    expect(sim.reportRequests).toEqual([
      { fromDate: '2026-11-22 22:00:00', toDate: '2026-11-22 23:59:59' },
      { fromDate: '2026-11-23 00:00:00', toDate: '2026-11-23 02:00:00' },
    ]);
  });

  test('nothing later than now is asked for ("should not be future dates")', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    sim.addCall(ist('2026-11-24 11:00:00'));
    const calls = await collect(
      provider.listCalls({ from: ist('2026-11-24 10:00:00'), to: ist('2026-11-26 10:00:00') }),
    );
    expect(calls).toHaveLength(1);
    expect(sim.reportRequests).toHaveLength(1);
    expect(sim.reportRequests[0]!.toDate.startsWith('2026-11-24 12:00')).toBe(true);
  });

  test('the 15-day limit is refused before any request', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const error = await collect(
      provider.listCalls({ from: ist('2026-11-09 11:00:00'), to: sim.now() }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toMatch(/15 days/);
    expect(sim.requestCount).toBe(0);
  });

  test('records outside the window are dropped, and reported', async () => {
    const { sim, create } = await start('2026-11-24 12:00:00');
    const edge = sim.addCall(ist('2026-11-24 10:00:00'));
    const inside = sim.addCall(ist('2026-11-24 10:30:00'));
    const events: TransportEvent[] = [];
    const provider = create({ transport: { ...fast, onEvent: (event) => events.push(event) } });
    // The API's dates are whole seconds: 10:00:00.500 asks from 10:00:00, which holds `edge`.
    const from = new Date(ist('2026-11-24 10:00:00').getTime() + 500);
    const calls = await collect(provider.listCalls({ from, to: sim.now() }));
    expect(calls.map((call) => call.id)).toEqual([inside.ucid]);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'record-dropped',
        id: edge.ucid,
        reason: 'outside-window',
      }),
    );
  });
});

describe('tokens', () => {
  test('fetched on demand, reused until they expire (60 minutes on the injected clock)', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    sim.addCall(ist('2026-11-24 11:00:00'));
    const window = { from: ist('2026-11-24 10:00:00'), to: ist('2026-11-24 11:30:00') };
    expect(sim.tokensIssued).toBe(0);
    await collect(provider.listCalls(window));
    await collect(provider.listCalls(window));
    expect(sim.tokensIssued).toBe(1);
    sim.setNow(ist('2026-11-24 13:01:00'));
    await collect(provider.listCalls(window));
    expect(sim.tokensIssued).toBe(2);
  });

  test('"Token Expired" fetches a new token and asks once more', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const call = sim.addCall(ist('2026-11-24 11:00:00'));
    const window = { from: ist('2026-11-24 10:00:00'), to: ist('2026-11-24 11:30:00') };
    await collect(provider.listCalls(window));
    sim.expireToken();
    const calls = await collect(provider.listCalls(window));
    expect(calls.map((listed) => listed.id)).toEqual([call.ucid]);
    expect(sim.tokensIssued).toBe(2);
  });

  test('a fresh token refused as expired too is an AuthenticationError, after one refresh', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      // Expired as soon as issued (1 ms raced a fast machine, as below).
      simulator: { tokenLifetimeMs: 0 },
    });
    const error = await collect(
      provider.listCalls({ from: ist('2026-11-24 10:00:00'), to: sim.now() }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(sim.tokensIssued).toBe(2);
  });

  test('never more tokens an hour than allowed', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      // Tokens expire as soon as issued: with a lifetime of 1 ms a fast machine sent the
      // report within the token's millisecond, and the listing succeeded.
      simulator: { tokenLifetimeMs: 0 },
      reports: { tokensPerHour: 1 },
    });
    const error = await collect(
      provider.listCalls({ from: ist('2026-11-24 10:00:00'), to: sim.now() }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(String(error)).toMatch(/at most 1 tokens an hour/);
    expect(sim.tokensIssued).toBe(1);
  });

  test('one token for the instances of an account; one listing stopping does not fail another', async () => {
    const { sim, create } = await start('2026-11-24 12:00:00', { simulator: { latencyMs: 50 } });
    sim.addCall(ist('2026-11-24 11:00:00'));
    const window = { from: ist('2026-11-24 10:00:00'), to: sim.now() };
    const controller = new AbortController();
    const stopped = collect(create().listCalls({ ...window, signal: controller.signal })).catch(
      (caught: unknown) => caught,
    );
    const other = collect(create().listCalls(window));
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error('stop'));
    expect(await stopped).toMatchObject({ message: 'stop' });
    expect(await other).toHaveLength(1);
    expect(sim.tokensIssued).toBe(1);
  });

  test('the token path is a setting (its casing is unconfirmed)', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      simulator: { tokenPath: '/ca_apis/caToken/generateToken' },
      reports: { tokenPath: '/ca_apis/caToken/generateToken' },
    });
    sim.addCall(ist('2026-11-24 11:00:00'));
    expect(
      await collect(provider.listCalls({ from: ist('2026-11-24 10:00:00'), to: sim.now() })),
    ).toHaveLength(1);
  });

  test('unset, a 404 on the default casing tries the other once', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      simulator: { tokenPath: '/ca_apis/caToken/generateToken' },
    });
    sim.addCall(ist('2026-11-24 11:00:00'));
    expect(
      await collect(provider.listCalls({ from: ist('2026-11-24 10:00:00'), to: sim.now() })),
    ).toHaveLength(1);
    expect(sim.tokensIssued).toBe(1);
  });

  test('bad credentials at the token endpoint are an AuthenticationError', async () => {
    const { sim, create } = await start('2026-11-24 12:00:00');
    const error = await collect(
      create({ apiKey: 'KKwrong' }).listCalls({ from: ist('2026-11-24 10:00:00'), to: sim.now() }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).not.toContain('KKwrong');
  });
});

describe('the 2-a-minute budget', () => {
  test('kept by the client (a compressed minute): no request is refused', async () => {
    const budget = { limit: 2, intervalMs: 1_000 };
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      simulator: { reportsRateLimit: budget },
      // The margin the real budget has (500 ms a minute) scaled up for a loaded machine:
      // the simulator counts a request when it lands, the client when it sends it, and a
      // loaded machine (a clock run: nine processes on two cores) can hold a request between the
      // two for hundreds of milliseconds.
      reports: { rateLimit: new RateLimiter({ ...budget, safetyMarginMs: 500 }) },
    });
    for (let day = 0; day < 5; day++)
      sim.addCall(new Date(sim.now().getTime() - day * 86_400_000 - 3_600_000));
    const startedAt = performance.now();
    const calls = await collect(
      provider.listCalls({ from: new Date(sim.now().getTime() - 4.5 * 86_400_000), to: sim.now() }),
    );
    expect(calls).toHaveLength(5);
    expect(sim.reportRequests).toHaveLength(5);
    expect(sim.reportsRateLimitedCount).toBe(0);
    // 5 requests at 2 per window: two full waits at least.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(2 * budget.intervalMs - 20);
  });

  test('shared between instances of the account through one RateLimiter', async () => {
    const budget = { limit: 2, intervalMs: 1_000 };
    // A margin, as the default limiter has: two clocks and the network between them.
    const shared = new RateLimiter({ ...budget, safetyMarginMs: 500 });
    const { sim, create } = await start('2026-11-24 12:00:00', {
      simulator: { reportsRateLimit: budget },
    });
    for (let day = 0; day < 3; day++)
      sim.addCall(new Date(sim.now().getTime() - day * 86_400_000 - 3_600_000));
    const one = create({ reports: { rateLimit: shared } });
    const two = create({ reports: { rateLimit: shared } });
    expect(one.reportsRateLimiter).toBe(shared);
    const window = { from: new Date(sim.now().getTime() - 2.5 * 86_400_000), to: sim.now() };
    const [first, second] = await Promise.all([
      collect(one.listCalls(window)),
      collect(two.listCalls(window)),
    ]);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(sim.reportsRateLimitedCount).toBe(0);
  });

  test('another client spending the budget: the 429 is waited out', async () => {
    const budget = { limit: 2, intervalMs: 1_000 };
    const { sim, create } = await start('2026-11-24 12:00:00', {
      simulator: { reportsRateLimit: budget },
    });
    for (let day = 0; day < 4; day++)
      sim.addCall(new Date(sim.now().getTime() - day * 86_400_000 - 3_600_000));
    const window = { from: new Date(sim.now().getTime() - 3.5 * 86_400_000), to: sim.now() };
    // Two processes of one account, each keeping to the budget alone: together they exceed it.
    const [first, second] = await Promise.all([
      collect(create({ reports: { rateLimit: budget } }).listCalls(window)),
      collect(create({ reports: { rateLimit: budget } }).listCalls(window)),
    ]);
    expect(first).toHaveLength(4);
    expect(second).toHaveLength(4);
    expect(sim.reportsRateLimitedCount).toBeGreaterThan(0);
  });
});

describe('errors', () => {
  test('every documented message has its typed error', () => {
    const options = { provider: 'ozonetel', endpoint: 'GET /ca_reports/fetchCDRDetails' };
    const typed = (message: string) => ozonetelReportsError(message, options, 60_000);
    expect(typed(ozonetelReportsMessages.missingCredentials)).toBeInstanceOf(InvalidRequestError);
    expect(typed(ozonetelReportsMessages.missingDates)).toBeInstanceOf(InvalidRequestError);
    expect(typed(ozonetelReportsMessages.invalidFromDate)).toBeInstanceOf(InvalidRequestError);
    expect(typed(ozonetelReportsMessages.futureDates)).toBeInstanceOf(InvalidRequestError);
    expect(typed(ozonetelReportsMessages.invalidCredentials)).toBeInstanceOf(AuthenticationError);
    expect(typed(ozonetelReportsMessages.invalidCredentialsAlt)).toBeInstanceOf(
      AuthenticationError,
    );
    expect(typed(ozonetelReportsMessages.tokenExpired).code).toBe('token_expired');
    const limited = typed(ozonetelReportsMessages.reportsRateLimited);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(60_000);
    expect(typed(ozonetelReportsMessages.rateLimited)).toBeInstanceOf(RateLimitedError);
    const other = typed('Something else');
    expect(other).toBeInstanceOf(ProviderError);
    expect(CdrError.isInstance(other) && other.retryable).toBe(false);
  });

  test('the body cap: a day larger than it is a ResponseTooLargeError; the cap can be raised', async () => {
    const { sim, create } = await start('2026-11-24 12:00:00');
    for (let index = 0; index < 20; index++) sim.addCall(ist('2026-11-24 11:00:00'));
    const window = { from: ist('2026-11-24 10:00:00'), to: sim.now() };
    const error = await collect(
      create({ reports: { maxBodyBytes: 4096 } }).listCalls(window),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(
      await collect(create({ reports: { maxBodyBytes: 1_000_000 } }).listCalls(window)),
    ).toHaveLength(20);
  });
});

describe('exact listing under injected faults', () => {
  test('10% faults (5xx, resets, truncated bodies): every call exactly once', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      simulator: { faultRate: 0.1, random },
      transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } },
    });
    const from = new Date(sim.now().getTime() - 6 * 86_400_000);
    for (let index = 0; index < 600; index++)
      sim.addCall(new Date(from.getTime() + index * 800_000 + 1000));
    const expected = sim.callsBetween(from, sim.now()).map((call) => call.ucid);
    for (let round = 0; round < 3; round++) {
      const calls = await collect(provider.listCalls({ from, to: sim.now() }));
      expect(calls.map((call) => call.id).sort()).toEqual([...expected].sort());
    }
    expect([...sim.faults.produced.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('the body parser', () => {
  test('an empty day, an error envelope, a body cut short', async () => {
    const none = () => undefined;
    expect(await parseReportsBody(chunksOf('{"details": []}', 3), none)).toMatchObject({
      details: true,
      records: 0,
    });
    expect(
      await parseReportsBody(
        chunksOf('{"status":"false","message":"Token Expired","data":null}', 4),
        none,
      ),
    ).toMatchObject({ details: false, status: 'false', message: 'Token Expired' });
    await expect(parseReportsBody(chunksOf('{"details": [{"CallID": 3', 5), none)).rejects.toThrow(
      SyntaxError,
    );
    await expect(parseReportsBody(chunksOf('{"partial":', 5), none)).rejects.toThrow();
  });
});

describe('reading a record in place', () => {
  test('CallID as digits, bad fields named (never quoted)', () => {
    expect(
      readOzonetelReportRecord({ CallID: '31733467784618213', StartTime: null }),
    ).toMatchObject({
      callId: '31733467784618213',
    });
    expect(readOzonetelReportRecord({ CallID: 42 })).toMatchObject({ callId: '42' });
    const badId = readOzonetelReportRecord({ CallID: 'x1' });
    expect(badId).toBeInstanceOf(ReportRecordIssue);
    expect(badId).toMatchObject({ path: 'CallID' });
    expect(readOzonetelReportRecord({ CallID: 1, StartTime: { secret: 'KK' } })).toMatchObject({
      path: 'StartTime',
      message: 'expected a string or a number',
    });
    expect(readOzonetelReportRecord([1])).toBeInstanceOf(ReportRecordIssue);
  });
});
