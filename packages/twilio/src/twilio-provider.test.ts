import type { TransportEvent } from '@cdr/core';
import { type Call, InvalidRequestError, NotFoundError, ResponseValidationError } from '@cdr/core';
import { collect, seededRandom } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import { createTwilio, type TwilioSettings, twilioBaseUrl } from './twilio-provider.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
let simulator: TwilioSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

function provider(sim: TwilioSimulator, settings: Partial<TwilioSettings> = {}) {
  return createTwilio({
    accountSid: sim.accountSid,
    authToken: sim.authToken,
    baseUrl: sim.url,
    transport: fast,
    ...settings,
  } as TwilioSettings);
}

describe('listing', () => {
  test.each([1, 8])(
    'lists exactly the ground truth under 10 percent random faults (429s included), concurrency %i',
    async (concurrency) => {
      simulator = await TwilioSimulator.start({
        calls: 2000,
        now: testNow,
        faultRate: 0.1,
        faultKinds: ['server-error', 'connection-reset', 'truncated-body', 'rate-limited'],
        random: seededRandom(concurrency),
      });
      const twilio = provider(simulator, {
        concurrency,
        pageSize: 20,
        transport: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 10 } },
      });
      const ids = (await collect(twilio.listCalls(window))).map((call) => call.id);
      const truth = simulator.calls(window).map((call) => call.id);
      expect(ids.length).toBe(truth.length);
      expect(new Set(ids)).toEqual(new Set(truth));
      const faults = [...simulator.faults.produced.values()].reduce((a, b) => a + b, 0);
      expect(faults, JSON.stringify([...simulator.faults.produced])).toBeGreaterThan(5);
      expect(simulator.faults.produced.get('rate-limited') ?? 0).toBeGreaterThan(0);
      await twilio.close?.();
    },
    60_000,
  );

  test('asks StartTime> / StartTime< (URL-encoded) with whole seconds and PageSize, then follows next_page_uri', async () => {
    simulator = await TwilioSimulator.start({ calls: 300, now: testNow });
    const urls: URL[] = [];
    simulator.onRequest = (_number, request) => urls.push(request.url);
    const from = new Date('2026-11-22T10:00:00.250Z');
    const to = new Date('2026-11-23T10:00:00.500Z');
    const twilio = provider(simulator, { concurrency: 1, pageSize: 25 });
    const calls = await collect(twilio.listCalls({ from, to }));
    expect(calls.map((call) => call.id).sort()).toEqual(
      simulator
        .calls({ from, to })
        .map((call) => call.id)
        .sort(),
    );
    // Two time slices at concurrency 1: the first starts the window, the last ends it.
    const searches = urls.map((url) => url.search);
    expect(
      searches.some((search) => search.includes('StartTime%3E=2026-11-22T10%3A00%3A00Z')),
    ).toBe(true);
    expect(
      searches.some((search) => search.includes('StartTime%3C=2026-11-23T10%3A00%3A01Z')),
    ).toBe(true);
    expect(urls.every((url) => url.searchParams.get('PageSize') === '25')).toBe(true);
    expect(urls.length).toBeGreaterThan(2);
    expect(
      urls.some((url) => /^PACA[0-9a-f]{32}$/.test(url.searchParams.get('PageToken') ?? '')),
    ).toBe(true);
    await twilio.close?.();
  });

  test('keeps child legs with their parent call SID', async () => {
    simulator = await TwilioSimulator.start({ calls: 300, now: testNow });
    const twilio = provider(simulator);
    const calls = await collect(twilio.listCalls(window));
    const children = calls.filter((call) => call.providerFields?.parentCallSid);
    expect(children.length).toBeGreaterThan(0);
    const ids = new Set(calls.map((call) => call.id));
    for (const child of children) {
      expect(child.providerFields?.direction).toBe('outbound-dial');
      expect(child.direction).toBe('outbound');
      if (child.startedAt.getTime() - window.from.getTime() > 60_000)
        expect(ids.has(child.providerFields!.parentCallSid!)).toBe(true);
    }
    await twilio.close?.();
  });

  test('a subaccount lists its own calls (none here)', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: testNow });
    const twilio = provider(simulator, { subaccountSid: simulator.subaccountSid });
    expect(await collect(twilio.listCalls(window))).toEqual([]);
    await twilio.close?.();
  });

  test('an unknown account is a NotFoundError (20404)', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: testNow });
    const twilio = provider(simulator, { subaccountSid: `AC${'1'.repeat(32)}` });
    await expect(collect(twilio.listCalls(window))).rejects.toBeInstanceOf(NotFoundError);
    await twilio.close?.();
  });

  test.each([
    ['an end before its start', { end_time: 'Mon, 01 Jan 2001 00:00:00 +0000' }, 'endedAt'],
    ['a negative duration', { duration: '-30' }, 'durations.totalSeconds'],
    [
      'a numeric recordings URI',
      { subresource_uris: { recordings: 5 } },
      'subresource_uris.recordings',
    ],
    ['a start on 31 February', { start_time: 'Tue, 31 Feb 2026 10:00:00 +0000' }, 'startedAt'],
  ])(
    'a record with %s is kept aside with its raw form; the rest of the window is listed',
    async (_what, fields, path) => {
      simulator = await TwilioSimulator.start({ calls: 300, now: testNow });
      const expected = simulator.calls(window).map((call) => call.id);
      const bad = expected[7]!;
      simulator.corruptRecord(bad, fields);
      const events: TransportEvent[] = [];
      const calls = await collect(
        provider(simulator, {
          pageSize: 20,
          transport: { ...fast, onEvent: (event) => events.push(event) },
        }).listCalls(window),
      );
      expect(calls.map((call) => call.id).sort()).toEqual(
        expected.filter((id) => id !== bad).sort(),
      );
      const rejected = events.filter((event) => event.type === 'record-rejected');
      expect(rejected.map((event) => event.type === 'record-rejected' && event.id)).toEqual([bad]);
      const [event] = rejected;
      expect(event?.type === 'record-rejected' && event.message).toContain(path);
      expect(event?.type === 'record-rejected' && (event.raw as { sid: string }).sid).toBe(bad);
    },
  );

  test('refuses a next_page_uri that leaves the listing', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: testNow });
    const sim = simulator;
    const { createServer } = await import('node:http');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ calls: [], next_page_uri: '//evil.example/steal' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    const twilio = provider(sim, { baseUrl: `http://127.0.0.1:${address.port}` });
    await expect(collect(twilio.listCalls(window))).rejects.toBeInstanceOf(ResponseValidationError);
    await twilio.close?.();
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('getCall', () => {
  test('gets a call by SID, null for an unknown one, refuses a malformed SID', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: testNow });
    const twilio = provider(simulator, {
      apiKey: simulator.apiKey,
      apiSecret: simulator.apiSecret,
      authToken: undefined,
    });
    const known = simulator.calls()[7]!;
    expect((await twilio.getCall(known.id))?.id).toBe(known.id);
    expect(await twilio.getCall(`CA${'0'.repeat(32)}`)).toBeNull();
    await expect(twilio.getCall('12345')).rejects.toBeInstanceOf(InvalidRequestError);
    await twilio.close?.();
  });
});

describe('settings', () => {
  const accountSid = `AC${'a'.repeat(32)}`;
  test.each([
    [{ accountSid }, /authToken/],
    [{ accountSid, authToken: 't', apiKey: 'SKx', apiSecret: 's' }, /exactly one/],
    [{ accountSid, apiKey: 'SKx' }, /apiSecret/],
    [{ accountSid: 'AC123', authToken: 't' }, /Account SID/],
    [{ accountSid, authToken: 't', pageSize: 1001 }, /pageSize/],
    [{ accountSid, authToken: 't', region: 'AU1' }, /region/],
    [{ accountSid, authToken: 't', apikey: 'x' }, /apikey/],
  ])('refuses %o', (settings, message) => {
    expect(() => createTwilio(settings as TwilioSettings)).toThrow(InvalidRequestError);
    expect(() => createTwilio(settings as TwilioSettings)).toThrow(message);
  });

  test('regional hosts, as the SDKs build them', () => {
    expect(twilioBaseUrl()).toBe('https://api.twilio.com');
    expect(twilioBaseUrl('au1', 'sydney')).toBe('https://api.sydney.au1.twilio.com');
    expect(twilioBaseUrl(undefined, 'dublin')).toBe('https://api.dublin.us1.twilio.com');
    expect(twilioBaseUrl('ie1')).toBe('https://api.ie1.twilio.com');
  });
});
