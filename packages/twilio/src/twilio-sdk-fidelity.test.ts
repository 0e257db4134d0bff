import type { Call } from '@cdr/core';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import { afterEach, describe, expect, test } from 'vitest';
import { twilioDirections, twilioStatuses } from './map-twilio-call.js';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import { createTwilio } from './twilio-provider.js';

// Fidelity: the official SDK (twilio-node, pinned in the workspace catalog) against our
// simulator. The simulator and our client are written from the same fact sheet, so a
// misreading would show in both; the SDK is Twilio's own reading of the API.

const testNow = Date.parse('2026-11-24T06:00:00Z');
let simulator: TwilioSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

/**
 * The SDK's own HTTP client (axios), sending to the simulator. twilio-node has no base-URL
 * setting: every domain is `https://{product}.twilio.com`, `region`/`edge` only rename the
 * host under twilio.com (`BaseTwilio.getHostname`), and `Page.nextPageUrl` joins
 * `next_page_uri` to that domain. A `RequestClient` given as `httpClient` receives every
 * request's absolute `uri`; this one swaps scheme, host and port for the simulator's and
 * leaves the path, query, headers and credentials as the SDK built them.
 */
class SimulatorRequestClient extends twilio.RequestClient {
  readonly #origin: URL;
  constructor(url: string) {
    // No keep-alive: every request closes its connection, so the simulator stops at once.
    super({ keepAlive: false });
    this.#origin = new URL(url);
  }
  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const uri = new URL(options.uri);
    uri.protocol = this.#origin.protocol;
    uri.host = this.#origin.host;
    return super.request<TData>({ ...options, uri: uri.href });
  }
}

function sdkClient(sim: TwilioSimulator, authToken = sim.authToken) {
  return twilio(sim.accountSid, authToken, { httpClient: new SimulatorRequestClient(sim.url) });
}

/** The fields both sides carry, as the SDK's CallInstance gives them. */
function sdkView(call: CallInstance) {
  const price = call.price === null ? null : -Number(call.price);
  return {
    sid: call.sid,
    from: call.from,
    to: call.to,
    status: call.status,
    callStatus: twilioStatuses[call.status] ?? 'unknown',
    direction: call.direction,
    callDirection: twilioDirections[call.direction] ?? 'unknown',
    start: call.startTime.toISOString(),
    end: call.endTime === null ? null : call.endTime.toISOString(),
    duration: call.duration === null ? null : Number(call.duration),
    price: price === 0 ? 0 : price,
    priceUnit: call.price === null ? null : call.priceUnit,
    parentCallSid: call.parentCallSid,
  };
}

/** The same fields from our Call (raw provider words from `providerFields`, parties from `raw`). */
function ourView(call: Call) {
  const amount = call.cost?.amount;
  return {
    sid: call.id,
    from: call.from?.raw ?? null,
    to: call.to?.raw ?? null,
    status: call.providerFields?.status,
    callStatus: call.status,
    direction: call.providerFields?.direction,
    callDirection: call.direction,
    start: call.startedAt.toISOString(),
    end: call.endedAt?.toISOString() ?? null,
    duration: call.durations.totalSeconds ?? null,
    price: amount === undefined ? null : amount === 0 ? 0 : amount,
    priceUnit: call.cost?.currency ?? null,
    parentCallSid: call.providerFields?.parentCallSid ?? null,
  };
}

const bySid = (a: { sid: string }, b: { sid: string }) => (a.sid < b.sid ? -1 : 1);

describe('the official SDK against the simulator', () => {
  test('lists the same calls with the same fields as createTwilio(...).listCalls', async () => {
    simulator = await TwilioSimulator.start({ calls: 3000, days: 4, now: testNow, seed: 25 });
    // Whole seconds, cutting through the data on both sides.
    const window = {
      from: new Date(testNow - 3 * 86_400_000 + 12_345_000),
      to: new Date(testNow - 86_400_000 - 6_789_000),
    };
    const provider = createTwilio({
      accountSid: simulator.accountSid,
      authToken: simulator.authToken,
      baseUrl: simulator.url,
      pageSize: 200,
    });
    const ours: Call[] = [];
    for await (const call of provider.listCalls(window)) ours.push(call);
    await provider.close?.();
    // The SDK's StartTime< is exclusive and our window's end inclusive: one second later.
    const sdk = await sdkClient(simulator).calls.list({
      startTimeAfter: window.from,
      startTimeBefore: new Date(window.to.getTime() + 1000),
      pageSize: 200,
    });
    const truth = simulator.calls(window);
    console.log(
      `twilio SDK fidelity: ${sdk.length} calls listed by twilio-node compared field by field ` +
        `with ${ours.length} listed by @cdr/twilio (ground truth ${truth.length})`,
    );
    expect(sdk.length).toBe(truth.length);
    expect(ours.map(ourView).sort(bySid)).toEqual(sdk.map(sdkView).sort(bySid));
    // The window holds every kind of record the fields can differ on.
    const views = sdk.map(sdkView);
    expect(truth.length).toBeGreaterThan(1000);
    expect(views.filter((view) => view.parentCallSid !== null).length).toBeGreaterThan(10);
    expect(views.filter((view) => view.price !== null).length).toBeGreaterThan(10);
    expect(views.filter((view) => view.end === null).length).toBeGreaterThan(10);
    expect(new Set(views.map((view) => view.status)).size).toBeGreaterThanOrEqual(6);
    expect(views.some((view) => !view.to.startsWith('+'))).toBe(true);
    // More than one page each way: the SDK followed our next_page_uri.
    expect(simulator.requestCount).toBeGreaterThan(2 * Math.ceil(truth.length / 200));
  }, 60_000);

  test('fetches one call as our getCall does', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: testNow });
    const child = simulator.calls().find((call) => call.record.parent_call_sid)!;
    const provider = createTwilio({
      accountSid: simulator.accountSid,
      authToken: simulator.authToken,
      baseUrl: simulator.url,
    });
    const ours = await provider.getCall!(child.id);
    await provider.close?.();
    const sdk = await sdkClient(simulator).calls(child.id).fetch();
    expect(ourView(ours!)).toEqual(sdkView(sdk));
  });
});

describe("the simulator's error bodies are the SDK's RestException", () => {
  async function restException(attempt: Promise<unknown>) {
    const error = await attempt.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(twilio.RestException);
    const { status, code, message, moreInfo } = error as twilio.RestException;
    return { status, code, message, moreInfo };
  }

  test('401: bad credentials, code 20003', async () => {
    simulator = await TwilioSimulator.start({ calls: 10, now: testNow });
    const client = sdkClient(simulator, 'f'.repeat(32));
    expect(await restException(client.calls.list({ limit: 1 }))).toEqual({
      status: 401,
      code: 20003,
      message: 'Authenticate',
      moreInfo: 'https://www.twilio.com/docs/errors/20003',
    });
  });

  test('404: an unknown call, code 20404', async () => {
    simulator = await TwilioSimulator.start({ calls: 10, now: testNow });
    const sid = `CA${'0'.repeat(32)}`;
    expect(await restException(sdkClient(simulator).calls(sid).fetch())).toEqual({
      status: 404,
      code: 20404,
      message: `The requested resource /2010-04-01/Accounts/${simulator.accountSid}/Calls/${sid}.json was not found`,
      moreInfo: 'https://www.twilio.com/docs/errors/20404',
    });
  });

  test('429: too many requests, code 20429', async () => {
    simulator = await TwilioSimulator.start({ calls: 10, now: testNow });
    simulator.injectFault('rate-limited', 1);
    expect(await restException(sdkClient(simulator).calls.list({ limit: 1 }))).toEqual({
      status: 429,
      code: 20429,
      message: 'Too Many Requests',
      moreInfo: 'https://www.twilio.com/docs/errors/20429',
    });
  });
});
