import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  ResponseValidationError,
  UnsupportedError,
} from '@cdr/core';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { afterEach, describe, expect, test } from 'vitest';
import sample from './__fixtures__/cdr-success.json' with { type: 'json' };
import { CallNotAvailableYetError } from './call-not-available-yet-error.js';
import { mapOzonetelCall } from './map-ozonetel-call.js';
import { createOzonetel, type OzonetelSettings } from './ozonetel-provider.js';
import { ozonetelRecordSchema, ozonetelResponseSchema } from './ozonetel-schemas.js';
import { planReportTypes } from './report-type.js';
import { OzonetelSimulator } from './testing/ozonetel-simulator.js';

const ist = (wallTime: string) => new Date(`${wallTime.replace(' ', 'T')}+05:30`);
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

let simulator: OzonetelSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

/**
 * A simulator with no calls on a clock set to `now` (IST wall time), and a provider reading
 * the simulator's clock. A `budget` is the account's rate limit, on both sides.
 */
async function start(
  now: string,
  options: Partial<OzonetelSettings> & { budget?: { limit: number; intervalMs: number } } = {},
) {
  const { budget, ...settings } = options;
  simulator = await OzonetelSimulator.start({
    calls: 0,
    now: ist(now).getTime(),
    // The simulator counts the budget in half the client's window: a request a loaded CI
    // machine holds back (a clock run, nine processes on two cores) does not count against
    // the client, while a client that kept no budget would still send several times too many.
    ...(budget ? { rateLimit: { ...budget, intervalMs: budget.intervalMs / 2 } } : {}),
  });
  const sim = simulator;
  const provider = createOzonetel({
    userName: sim.userName,
    apiKey: sim.apiKey,
    baseUrl: sim.url,
    now: () => sim.now(),
    transport: fast,
    ...(budget ? { rateLimit: budget } : {}),
    ...settings,
  });
  return { sim, provider };
}

describe('the doc sample maps to a Call', () => {
  test('ids, IST times, HH:MM:SS durations, parties, agent, recording, absent values', () => {
    const parsed = ozonetelResponseSchema.parse(sample);
    const call = mapOzonetelCall((parsed.message as never[])[0]!, createPhoneNormalizer());
    expect(call).toMatchObject({
      id: 'xxxxxxxxxxxxxx',
      provider: 'ozonetel',
      direction: 'outbound',
      status: 'answered',
      durations: { ringSeconds: 11, totalSeconds: 297, talkSeconds: 286 },
      agent: { phone: { raw: '09xxxxxxx9' } },
      recording: { url: sample.message[0]!.AudioFile },
      providerFields: {
        HangupBy: 'UserHangup',
        CampaignName: 'xxxxxx',
        TransferType: 'No Transfers',
        FallBackRule: 'AgentDial',
      },
    });
    if (typeof call === 'string') throw new Error(call);
    expect(call.startedAt.toISOString()).toBe('2021-02-09T05:03:53.000Z');
    expect(call.endedAt!.toISOString()).toBe('2021-02-09T05:08:50.000Z');
    // "None" and "" are absent.
    expect(call.agent!.name).toBeUndefined();
    expect(call.providerFields!.Skill).toBeUndefined();
    expect(call.providerFields!.Disposition).toBeUndefined();
  });

  test('a leading-0 Indian number becomes +91', () => {
    const call = mapOzonetelCall(
      ozonetelRecordSchema.parse({
        ...sample.message[0],
        Type: 'inbound',
        CallerID: '09876543210',
      }),
      createPhoneNormalizer(),
    );
    expect(typeof call !== 'string' && call.from).toEqual({
      kind: 'phone',
      raw: '09876543210',
      phoneNumber: '+919876543210',
    });
  });
});

describe('choosing reportType from the IST clock', () => {
  test.each([
    [
      'a call of today at 23:59',
      '2026-11-23 23:59:00',
      '2026-11-23 10:00:00',
      ['currentday'],
      false,
    ],
    [
      'yesterday at 00:30 (migrating)',
      '2026-11-24 00:30:00',
      '2026-11-23 10:00:00',
      ['currentday', 'historical'],
      true,
    ],
    [
      'yesterday at 02:59 (migrating)',
      '2026-11-24 02:59:00',
      '2026-11-23 23:50:00',
      ['currentday', 'historical'],
      true,
    ],
    ['yesterday at 03:01', '2026-11-24 03:01:00', '2026-11-23 10:00:00', ['historical'], false],
    ['two days ago at 00:30', '2026-11-24 00:30:00', '2026-11-22 10:00:00', ['historical'], false],
    [
      'a call that started after midnight, at 00:30',
      '2026-11-24 00:30:00',
      '2026-11-24 00:05:00',
      ['currentday'],
      false,
    ],
    [
      'an unknown start at noon',
      '2026-11-24 12:00:00',
      undefined,
      ['currentday', 'historical'],
      false,
    ],
  ] as const)('%s', (_name, now, started, expected, migrating) => {
    const plan = planReportTypes(ist(now), started ? ist(started) : undefined);
    expect(plan.reportTypes).toEqual(expected);
    expect(plan.availableAt?.toISOString()).toBe(
      migrating ? ist('2026-11-24 03:00:00').toISOString() : undefined,
    );
  });
});

describe('createOzonetel against the simulator', () => {
  test("Scenario 1, before midnight: today's call comes from the current-day store in one request", async () => {
    const { sim, provider } = await start('2026-11-23 23:59:00');
    const call = sim.addCall(ist('2026-11-23 10:33:53'));
    const found =
      (await provider.lookupCall(call.ucid, { startedAt: call.startedAt })).status === 'found'
        ? call.ucid
        : undefined;
    expect(found).toBe(call.ucid);
    expect(sim.requestCount).toBe(1);
  });

  test('Scenario 1, after midnight but before 03:00: "not available yet" until 03:00 IST, never a silent null', async () => {
    const { sim, provider } = await start('2026-11-24 00:30:00');
    const call = sim.addCall(ist('2026-11-23 10:33:53'));
    const result = await provider.lookupCall(call.ucid, { startedAt: call.startedAt });
    expect(result).toEqual({
      status: 'not-available-yet',
      availableAt: ist('2026-11-24 03:00:00'),
    });
    expect(sim.requestCount).toBe(2);
    const error = await provider.getCall(call.ucid).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CallNotAvailableYetError);
    // Its own identity: not a NotFoundError (the call may exist), and no other error is one.
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect((error as CallNotAvailableYetError).code).toBe('not_available_yet');
    expect(new NotFoundError({ message: 'x' })).not.toBeInstanceOf(CallNotAvailableYetError);
    expect((error as Error).message).toContain('readable from 2026-11-24 03:00:00 IST');
  });

  test("Scenario 1 and 2, after 03:00: yesterday's calls (even one that ended after midnight) come from historical", async () => {
    const { sim, provider } = await start('2026-11-24 03:01:00');
    const before = sim.addCall(ist('2026-11-23 10:33:53'));
    const acrossMidnight = sim.addCall(ist('2026-11-23 23:58:00'), {
      EndTime: '2026-11-24 00:04:00',
    });
    for (const call of [before, acrossMidnight]) {
      const result = await provider.lookupCall(call.ucid, { startedAt: call.startedAt });
      expect(result.status).toBe('found');
    }
    expect(sim.requestCount).toBe(2);
  });

  test('Scenario 3: a call that started after midnight is in the current-day store', async () => {
    const { sim, provider } = await start('2026-11-24 00:30:00');
    const call = sim.addCall(ist('2026-11-24 00:05:00'));
    expect((await provider.lookupCall(call.ucid, { startedAt: call.startedAt })).status).toBe(
      'found',
    );
    expect(sim.requestCount).toBe(1);
  });

  test('an unknown start tries current day then historical', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const old = sim.addCall(ist('2026-11-20 09:00:00'));
    expect((await provider.getCall(old.ucid))?.id).toBe(old.ucid);
    expect(sim.requestCount).toBe(2);
    expect(await provider.getCall('123456789')).toBeNull();
  });

  test('an explicit reportType overrides the choice', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const today = sim.addCall(ist('2026-11-24 09:00:00'));
    expect((await provider.lookupCall(today.ucid, { reportType: 'historical' })).status).toBe(
      'not-found',
    );
  });

  test("refuses what it can check before sending, in Ozonetel's words", async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    await expect(provider.getCall('')).rejects.toThrow('ucid should not be empty');
    await expect(provider.getCall('12ab')).rejects.toThrow('ucid should be numeric only');
    await expect(provider.lookupCall('123', { reportType: 'weekly' as never })).rejects.toThrow(
      'Invalid reportType',
    );
    await expect(
      provider.lookupCall('123', { startedAt: ist('2026-11-01 10:00:00') }),
    ).rejects.toThrow(/15 days/);
    expect(() => createOzonetel({ userName: '', apiKey: 'k' })).toThrow(
      'userName should not be empty',
    );
    expect(() => createOzonetel({ userName: 'u', apiKey: ' ' })).toThrow(
      'apiKey should not be empty',
    );
    expect(sim.requestCount).toBe(0);
  });

  test('getCall with a startedAt outside the 15-day retention sends nothing and answers as lookupCall does', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const options = { startedAt: ist('2026-11-01 10:00:00') };
    const fromLookup = await provider
      .lookupCall('1234567890', options)
      .catch((caught: unknown) => caught);
    const fromGet = await provider
      .getCall('1234567890', options)
      .catch((caught: unknown) => caught);
    expect(fromLookup).toBeInstanceOf(InvalidRequestError);
    expect(fromGet).toBeInstanceOf(InvalidRequestError);
    expect((fromGet as Error).message).toBe((fromLookup as Error).message);
    expect(sim.requestCount).toBe(0);
    // Within retention, the hint is used: one request to the store it names.
    const call = sim.addCall(ist('2026-11-24 11:00:00'));
    expect((await provider.getCall(call.ucid, { startedAt: ist('2026-11-24 11:00:00') }))?.id).toBe(
      call.ucid,
    );
    expect(sim.requestCount).toBe(1);
  });

  test('bad credentials are an AuthenticationError without the key in it', async () => {
    const { sim } = await start('2026-11-24 12:00:00');
    const provider = createOzonetel({
      userName: sim.userName,
      apiKey: 'wrong-key-123',
      baseUrl: sim.url,
      now: () => sim.now(),
    });
    const error = await provider.getCall('12345').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).not.toContain('wrong-key-123');
  });

  test('a listing filter it cannot serve is refused before any request', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00');
    const iterate = async () => {
      for await (const _call of provider.listCalls({
        from: ist('2026-11-24 10:00:00'),
        to: sim.now(),
        status: 'unknown',
      }))
        break;
    };
    await expect(iterate()).rejects.toBeInstanceOf(UnsupportedError);
    expect(sim.requestCount).toBe(0);
  });

  test('"max limit exceeded" from another client of the account is waited out', {
    timeout: 20_000,
  }, async () => {
    // A window long enough that the other client's requests are still in it when ours comes,
    // however slow a loaded machine is between them (300 ms was not: no 429 to wait out).
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      budget: { limit: 3, intervalMs: 2_000 },
    });
    const call = sim.addCall(ist('2026-11-24 11:59:00'));
    // Another client used the whole budget a moment ago.
    for (let index = 0; index < 3; index++)
      await fetch(
        `${sim.url}/CAServices/cdr/callBacks.php?userName=${sim.userName}&apiKey=${sim.apiKey}&ucid=1&reportType=currentday`,
      );
    expect((await provider.lookupCall(call.ucid, { startedAt: call.startedAt })).status).toBe(
      'found',
    );
    expect(sim.rateLimitedCount).toBe(1);
  });

  test('a batch keeps to the budget with no "max limit exceeded", and a failed UCID does not stop the rest', async () => {
    const { sim, provider } = await start('2026-11-24 12:00:00', {
      // Windows long enough that a request a loaded machine holds back for most of a second
      // (a clock run: nine processes on two cores) still lands outside the simulator's window.
      budget: { limit: 5, intervalMs: 1_500 },
    });
    const calls = Array.from({ length: 12 }, (_, index) =>
      sim.addCall(new Date(ist('2026-11-24 12:00:00').getTime() - (index + 1) * 60_000)),
    );
    const ucids = [
      ...calls.map((call) => call.ucid).slice(0, 6),
      'not-numeric',
      ...calls.map((call) => call.ucid).slice(6),
    ];
    const results = [];
    for await (const result of provider.lookupCalls(ucids, {
      reportType: 'currentday',
      concurrency: 4,
    }))
      results.push(result);
    expect(results.map((result) => result.ucid)).toEqual(ucids);
    expect(results.filter((result) => result.status === 'found')).toHaveLength(12);
    const failed = results.find((result) => result.status === 'failed');
    expect(failed && 'error' in failed && failed.error).toBeInstanceOf(InvalidRequestError);
    expect(sim.rateLimitedCount).toBe(0);
  });
});

test('raw is the record as received, fields the schema does not read included, less the API key', async () => {
  const { sim, provider } = await start('2026-11-23 12:00:00');
  const call = sim.addCall(ist('2026-11-23 10:00:00'), { CallerConfAudioFile: 'conf.wav' });
  const found = await provider.getCall(call.ucid);
  const { Apikey: _key, ...expected } = call.record;
  expect(call.record.Apikey).toBe(sim.apiKey);
  expect(found?.raw).toEqual(expected);
  expect((found!.raw as Record<string, string>).CallerConfAudioFile).toBe('conf.wav');
  expect(JSON.stringify(found)).not.toContain(sim.apiKey);
});

test('a record whose StartTime is not a date is a ResponseValidationError naming the field', async () => {
  const { sim, provider } = await start('2026-11-23 12:00:00');
  const call = sim.addCall(ist('2026-11-23 10:00:00'), { StartTime: '23/11/2026 10:00' });
  const error = await provider.getCall(call.ucid).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ResponseValidationError);
  // The field is named, its value never quoted: a record may echo a credential anywhere.
  expect((error as ResponseValidationError).issues).toEqual([
    { path: 'message[0].StartTime', message: 'expected a YYYY-MM-DD HH:mm:ss time' },
  ]);
  expect(String(error)).not.toContain('23/11/2026');
  expect(String(error)).not.toContain(sim.apiKey);
});

test('an answer holding another UCID is a ResponseValidationError, never that other call', async () => {
  const { sim, provider } = await start('2026-11-23 12:00:00');
  const other = sim.addCall(ist('2026-11-23 10:00:00'));
  // The simulator answers this UCID with another call's record, as a confused server might.
  const asked = sim.addCall(ist('2026-11-23 11:00:00'), { monitorUCID: other.ucid });
  const error = await provider.getCall(asked.ucid).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect(String(error)).toContain(`asked for UCID ${asked.ucid}, the answer holds ${other.ucid}`);
  const batch = [];
  for await (const result of provider.lookupCalls([asked.ucid, other.ucid], {
    reportType: 'currentday',
  }))
    batch.push(result.status);
  expect(batch).toEqual(['failed', 'found']);
});

test('bad lookup options and settings are typed errors before any request', async () => {
  const { sim, provider } = await start('2026-11-24 12:00:00');
  for (const options of [
    { startedAt: new Date(Number.NaN) },
    { startedAt: '2026-11-24 10:00' },
    { startedAt: ist('2026-11-26 10:00:00') },
    { reportType: 'weekly' },
    { reportTypo: 'historical' },
  ]) {
    await expect(
      provider.lookupCall('123', options as never),
      JSON.stringify(options),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  }
  expect(() => provider.lookupCalls(['1'], { concurrency: Number.NaN })).toThrow(/`concurrency`/);
  for (const ucid of ['../../etc', '1'.repeat(500_000), '12ab']) {
    await expect(provider.lookupCall(ucid)).rejects.toBeInstanceOf(InvalidRequestError);
  }
  expect(sim.requestCount).toBe(0);
  const base = { userName: 'u', apiKey: 'KKsecret' };
  for (const [settings, message] of [
    [{ rateLimit: { limit: 0, intervalMs: 1000 } }, /`rateLimit/],
    [{ rateLimit: { limit: -1, intervalMs: 1000 } }, /`rateLimit/],
    [{ rateLimit: { limit: Number.NaN, intervalMs: 1000 } }, /`rateLimit/],
    [{ rateLimit: { limit: 5, intervalMs: 0 } }, /`rateLimit/],
    [{ concurrency: 'abc' }, /`concurrency`/],
    [
      { baseUrl: 'https://user:KKsecret@in1-ccaas-api.ozonetel.com' },
      /`baseUrl`: a base URL cannot carry credentials/,
    ],
    [{ baseUrl: 'https://in1-ccaas-api.ozonetel.com/?apiKey=KKsecret' }, /`baseUrl`/],
    [{ transport: { timeouts: { totalMs: Number.NaN } } }, /`transport.timeouts.totalMs`/],
    [{ endpoint: { method: 'PUT' } }, /`endpoint.method`/],
  ] as const) {
    let error: unknown;
    try {
      createOzonetel({ ...base, ...(settings as object) } as OzonetelSettings);
    } catch (caught) {
      error = caught;
    }
    expect(error, JSON.stringify(settings)).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain('KKsecret');
  }
});
