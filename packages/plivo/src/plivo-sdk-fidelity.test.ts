import { createRequire } from 'node:module';
import type { Call } from '@cdr/core';
import { afterEach, describe, expect, test } from 'vitest';
import { parsePlivoTime } from './map-plivo-call.js';
import { createPlivo } from './plivo-provider.js';
import { PlivoSimulator } from './testing/plivo-simulator.js';

// Fidelity: Plivo's official Node SDK (`plivo`, pinned in the workspace catalog) against our
// simulator. The simulator and our client are written from the same fact sheet, so a
// misreading would show in both; the SDK is Plivo's own reading of the API.

/** The part of the SDK this test uses (it is loaded with `require`, typed here). */
interface SdkCallRecord {
  callUuid: string;
  callDirection: string;
  fromNumber: string;
  toNumber: string;
  initiationTime: string;
  answerTime: string | null;
  endTime: string;
  callDuration: number;
  billDuration: number;
  billedDuration: number;
  totalAmount: string;
  totalRate: string;
  parentCallUuid: string | null;
  hangupCauseCode: number;
  hangupCauseName: string;
  hangupSource: string;
}
interface SdkPage extends Array<SdkCallRecord> {
  meta: { limit: number; offset: number; next: string | null; totalCount: number };
}
interface SdkClient {
  calls: {
    list(params: Record<string, string | number>): Promise<SdkPage>;
    get(id: string): Promise<SdkCallRecord>;
  };
}
interface SdkError extends Error {
  status?: number;
  apiID?: string;
}
interface AxiosLike {
  defaults: { adapter: unknown };
  getAdapter(name: string): (config: { url: string }) => Promise<unknown>;
}

const require = createRequire(import.meta.url);
const sdkPath = require.resolve('plivo');
const plivoSdk = require('plivo') as { Client: new (id: string, token: string) => SdkClient };
// The axios copy the SDK loads (resolved from the SDK's own folder).
const axios = createRequire(sdkPath)('axios') as AxiosLike;

/**
 * The SDK sends every voice request to the hard-coded `https://api.plivo.com/v1/Account/`
 * (`dist/rest/axios.js` overwrites the `url` option for voice requests, fact sheet §7): the
 * axios adapter it inherits from `axios.defaults` is swapped for one that sends the same
 * request, path, query, headers and credentials to the simulator.
 */
function sdkClient(sim: PlivoSimulator, authToken = sim.authToken): SdkClient {
  const http = axios.getAdapter('http');
  axios.defaults.adapter = (config: { url: string }) =>
    http({ ...config, url: config.url.replace(/^https:\/\/api\.plivo\.com/, sim.url) });
  return new plivoSdk.Client(sim.authId, authToken);
}

const testNow = Date.parse('2026-11-24T06:00:00Z');
const dayMs = 86_400_000;
let simulator: PlivoSimulator | undefined;
const savedAdapter = axios.defaults.adapter;

afterEach(async () => {
  axios.defaults.adapter = savedAdapter;
  await simulator?.stop();
  simulator = undefined;
});

/** The fields both sides carry, from the SDK's record (read with our time parser). */
function sdkView(record: SdkCallRecord) {
  const instant = (value: string | null) =>
    value === null ? null : (parsePlivoTime(value, 'UTC')?.toISOString() ?? 'invalid');
  return {
    id: record.callUuid,
    direction: record.callDirection,
    from: record.fromNumber,
    to: record.toNumber,
    start: instant(record.initiationTime),
    answer: record.answerTime,
    end: instant(record.endTime),
    totalSeconds: record.callDuration,
    talkSeconds: record.billDuration,
    billedSeconds: record.billedDuration,
    amount: Number(record.totalAmount),
    rate: record.totalRate,
    parent: record.parentCallUuid,
    cause: String(record.hangupCauseCode),
    causeName: record.hangupCauseName,
    source: record.hangupSource,
  };
}

/** The same fields from our Call. */
function ourView(call: Call) {
  return {
    id: call.id,
    direction: call.direction,
    from: call.from?.raw,
    to: call.to?.raw,
    start: call.startedAt.toISOString(),
    answer: call.providerFields?.answerTime ?? null,
    end: call.endedAt?.toISOString() ?? null,
    totalSeconds: call.durations.totalSeconds,
    talkSeconds: call.durations.talkSeconds,
    billedSeconds: call.durations.billedSeconds,
    amount: call.cost?.amount,
    rate: call.providerFields?.totalRate,
    parent: call.providerFields?.parentCallUuid ?? null,
    cause: call.providerFields?.hangupCauseCode,
    causeName: call.providerFields?.hangupCauseName,
    source: call.providerFields?.hangupSource,
  };
}

describe('the official SDK (plivo) against our simulator', () => {
  test('lists the same calls with the same fields as our client', async () => {
    simulator = await PlivoSimulator.start({ calls: 400, now: testNow, days: 3 });
    const sim = simulator;
    const sdk = sdkClient(sim);
    // The SDK pages by offset over an end_time window: every call of the data set.
    const sdkRecords: SdkCallRecord[] = [];
    const bounds = {
      end_time__gte: new Date(testNow - 4 * dayMs).toISOString().slice(0, 19).replace('T', ' '),
      end_time__lte: new Date(testNow).toISOString().slice(0, 19).replace('T', ' '),
    };
    for (let offset = 0; ; offset += 20) {
      const page = await sdk.calls.list({ ...bounds, limit: 20, offset });
      expect(page.meta.offset).toBe(offset);
      sdkRecords.push(...page);
      if (page.meta.next === null) break;
    }
    const ours = createPlivo({
      authId: sim.authId,
      authToken: sim.authToken,
      baseUrl: sim.url,
      now: () => new Date(testNow),
    });
    const calls: Call[] = [];
    for await (const call of ours.listCalls({
      from: new Date(testNow - 3 * dayMs),
      to: new Date(testNow),
    }))
      calls.push(call);
    await ours.close?.();
    const byId = new Map(calls.map((call) => [call.id, call]));
    expect(sdkRecords.length).toBe(400);
    expect(byId.size).toBe(sdkRecords.length);
    let fields = 0;
    for (const record of sdkRecords) {
      const call = byId.get(record.callUuid);
      expect(call, record.callUuid).toBeDefined();
      const view = sdkView(record);
      const our = ourView(call!);
      // Plivo's words are the Call's words for direction: `inbound`, `outbound`.
      expect(our).toEqual(view);
      fields += Object.keys(view).length;
    }
    // The one-call lookup too.
    const one = sdkRecords[7]!;
    expect(sdkView(await sdk.calls.get(one.callUuid))).toEqual(sdkView(one));
    console.log(
      `plivo SDK fidelity: ${sdkRecords.length} calls, ${fields} fields compared, 1 lookup`,
    );
  });

  test('accepts our simulator’s error bodies as the errors it expects', async () => {
    simulator = await PlivoSimulator.start({ calls: 5, now: testNow });
    const sim = simulator;
    const cases: [string, () => Promise<unknown>, string, number][] = [
      ['401', () => sdkClient(sim, 'wrong').calls.list({ limit: 1 }), 'AuthenticationError', 401],
      [
        '404',
        () => sdkClient(sim).calls.get('00000000-0000-4000-a000-000000000000'),
        'ResourceNotFoundError',
        404,
      ],
      [
        '400',
        () => sdkClient(sim).calls.list({ end_time__gte: 'yesterday', limit: 1 }),
        'InvalidRequestError',
        400,
      ],
    ];
    for (const [name, run, type, status] of cases) {
      const error = (await run().then(
        () => undefined,
        (caught: unknown) => caught,
      )) as SdkError | undefined;
      expect(error, name).toBeDefined();
      // The SDK picks its class by status (`dist/rest/axios.js`: 401 AuthenticationError, …),
      // but its ES5-compiled classes return the plain Error that `Error.call` makes, so
      // `instanceof` never holds: the status, message and api_id it copies are what it keeps.
      expect(error, `${name} (${type})`).toBeInstanceOf(Error);
      expect(error?.status, name).toBe(status);
      // The message is the body's `error`, as the SDK reads it.
      expect(error?.message, name).not.toMatch(/^AxiosError|Failed to execute/);
      expect(error?.apiID, name).toMatch(/^8299d094-/);
    }
    console.log(`plivo SDK fidelity: ${cases.length} error answers compared`);
  });
});
