import {
  AuthenticationError,
  type Call,
  createCdrClient,
  InvalidRequestError,
  type TransportEvent,
} from '@cdr/core';
import { collect } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import type { TelecmiCredentialKind } from './telecmi-endpoints.js';
import { createTelecmi, type TelecmiSettings } from './telecmi-provider.js';
import { TelecmiSimulator } from './testing/telecmi-simulator.js';

// The data sets end here: a fixed instant, so no test depends on the machine's clock.
const testNow = Date.parse('2026-11-24T06:30:00Z');

let simulator: TelecmiSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
const kinds: TelecmiCredentialKind[] = ['rest-user', 'rest-app', 'piopiy-app', 'piopiy-agent'];

function windowOf(sim: TelecmiSimulator) {
  return { from: new Date(sim.dataSet.now - 3 * 86_400_000), to: new Date(sim.dataSet.now) };
}

const ids = (calls: readonly { id: string }[]) => calls.map((call) => call.id).sort();

/** A provider for the simulator that records the endpoints its requests went to. */
function providerFor(
  sim: TelecmiSimulator,
  settings: Partial<TelecmiSettings> & Pick<TelecmiSettings, 'credentials'>,
) {
  const requests: string[] = [];
  const provider = createTelecmi({
    baseUrls: sim.baseUrls,
    ...settings,
    transport: {
      ...fast,
      onEvent: (event: TransportEvent) => {
        if (event.type === 'request') requests.push(event.endpoint);
      },
    },
  });
  return { provider, requests };
}

describe('createTelecmi against the simulator', () => {
  test('every credential kind lists every call of the window, in and out, once — also through the client', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 1200 });
    const sim = simulator;
    const window = windowOf(sim);
    const client = createCdrClient({
      providers: kinds.map((kind) =>
        createTelecmi({
          credentials: sim.credentials[kind],
          baseUrls: sim.baseUrls,
          transport: fast,
        }),
      ),
    });
    const calls = await collect(client.listCalls(window));
    // The agent's calls are the PIOPIY app's too: the same records, the same ids.
    const expected = new Set(
      [
        ...sim.calls('rest-user', window),
        ...sim.calls('rest-app', window),
        ...sim.calls('piopiy-app', window),
      ].map((call) => call.id),
    );
    expect(new Set(calls.map((call) => call.id))).toEqual(expected);
    for (const kind of kinds) {
      const listed = calls.filter((call) =>
        sim.calls(kind, window).some((truth) => truth.id === call.id),
      );
      expect(new Set(listed.map((call) => call.direction)), kind).toEqual(
        new Set(['inbound', 'outbound']),
      );
    }
    await client.close();
  });

  test('the direction and status filters choose which endpoints are asked', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 400 });
    const sim = simulator;
    const window = windowOf(sim);
    const { provider, requests } = providerFor(sim, { credentials: sim.credentials['rest-user'] });
    const missed = await collect(provider.listCalls({ ...window, status: 'missed' }));
    expect(ids(missed)).toEqual(ids(sim.calls('rest-user', window, { status: 'missed' })));
    expect(new Set(requests)).toEqual(new Set(['POST /v2/user/missed', 'POST /v2/user/out_cdr']));
    requests.length = 0;
    const inbound = await collect(provider.listCalls({ ...window, direction: 'inbound' }));
    expect(ids(inbound)).toEqual(ids(sim.calls('rest-user', window, { direction: 'inbound' })));
    expect(new Set(requests)).toEqual(new Set(['POST /v2/user/in_cdr', 'POST /v2/user/missed']));
    await provider.close?.();
  });

  test('uses the largest page each endpoint allows: 20 for REST apps, 10 elsewhere', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 600 });
    const sim = simulator;
    const window = windowOf(sim);
    const { provider, requests } = providerFor(sim, {
      credentials: sim.credentials['rest-app'],
      endpoints: { 'inbound-missed': false, 'outbound-answered': false, 'outbound-missed': false },
    });
    const calls = await collect(provider.listCalls(window));
    const truth = sim.calls('rest-app', window, { direction: 'inbound', status: 'answered' });
    expect(ids(calls)).toEqual(ids(truth));
    expect(requests.length).toBe(Math.floor(truth.length / 20) + 1);
    await provider.close?.();
  });

  test('another endpoint can be chosen for a group, and voicemails asked for', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 600 });
    const sim = simulator;
    const window = windowOf(sim);
    const chosen = providerFor(sim, {
      credentials: sim.credentials['rest-user'],
      endpoints: { 'inbound-answered': 'user-answered', 'outbound-missed': 'user-out-missed' },
    });
    expect(ids(await collect(chosen.provider.listCalls(window)))).toEqual(
      ids(sim.calls('rest-user', window)),
    );
    expect(chosen.requests).toContain('POST /v2/user/answered');
    expect(chosen.requests).toContain('POST /v2/user/out_missed');
    expect(chosen.requests).not.toContain('POST /v2/user/in_cdr');

    const withVoicemail = providerFor(sim, {
      credentials: sim.credentials['piopiy-app'],
      endpoints: { voicemail: 'piopiy-voicemail' },
    });
    const calls = await collect(withVoicemail.provider.listCalls(window));
    // Voicemails are missed calls too: listed once, whichever endpoint came first.
    expect(ids(calls)).toEqual(ids(sim.calls('piopiy-app', window)));
    expect(withVoicemail.requests).toContain('POST /v1/voicemail');
    await chosen.provider.close?.();
    await withVoicemail.provider.close?.();
  });

  test('always sends the window to the app endpoints, never relying on their last-24-hours default', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 400, days: 5 });
    const sim = simulator;
    const old = {
      from: new Date(sim.dataSet.now - 5 * 86_400_000),
      to: new Date(sim.dataSet.now - 2 * 86_400_000),
    };
    for (const kind of ['rest-app', 'piopiy-app'] as const) {
      const { provider } = providerFor(sim, { credentials: sim.credentials[kind] });
      const calls = await collect(provider.listCalls(old));
      expect(calls.length).toBeGreaterThan(0);
      expect(ids(calls)).toEqual(ids(sim.calls(kind, old)));
      await provider.close?.();
    }
  });

  test('calls arriving during a listing cause neither duplicates nor loss of the calls that were there', async () => {
    const arrivals: string[] = [];
    simulator = await TelecmiSimulator.start({
      now: testNow,
      calls: 300,
      beforeRequest: (requestNumber, sim) => {
        // Three new calls in the middle of the window on every request after the first.
        if (requestNumber > 1) {
          for (let index = 0; index < 3; index++) {
            arrivals.push(
              sim.addCall(
                { account: 'rest-user', direction: 'outbound', status: 'answered' },
                sim.dataSet.now - 86_400_000 - requestNumber * 1000 - index,
              ).id,
            );
          }
        }
      },
    });
    const sim = simulator;
    const window = windowOf(sim);
    const before = sim.calls('rest-user', window).map((call) => call.id);
    const { provider } = providerFor(sim, {
      credentials: sim.credentials['rest-user'],
      concurrency: 2,
    });
    const listed = (await collect(provider.listCalls(window))).map((call) => call.id);
    expect(new Set(listed).size).toBe(listed.length);
    for (const id of before) expect(listed).toContain(id);
    expect(arrivals.length).toBeGreaterThan(0);
    await provider.close?.();
  });

  test('a call removed while a listing pages is reported: offset paging may have skipped one', async () => {
    let removed = false;
    simulator = await TelecmiSimulator.start({
      now: testNow,
      calls: 400,
      beforeRequest: (requestNumber, sim) => {
        if (requestNumber === 3 && !removed) {
          removed = true;
          const [newest] = sim
            .calls('rest-user', undefined, { direction: 'outbound', status: 'answered' })
            .sort((a, b) => b.time - a.time);
          sim.removeCall(newest!.id);
        }
      },
    });
    const sim = simulator;
    const events: TransportEvent[] = [];
    const provider = createTelecmi({
      credentials: sim.credentials['rest-user'],
      baseUrls: sim.baseUrls,
      endpoints: { 'inbound-answered': false, 'inbound-missed': false, 'outbound-missed': false },
      concurrency: 1,
      transport: { ...fast, onEvent: (event) => events.push(event) },
    });
    await collect(provider.listCalls(windowOf(sim)));
    expect(events.some((event) => event.type === 'total-changed')).toBe(true);
    await provider.close?.();
  });

  test.each<[string, unknown, RegExp]>([
    [
      'a kind from before 0.2',
      { credentials: { kind: 'user', token: 't' } },
      /"user" is now "rest-user"/,
    ],
    ['no token', { credentials: { kind: 'rest-user', token: ' ' } }, /`credentials.token`/],
    [
      'no app secret',
      { credentials: { kind: 'piopiy-app', appId: 1, appSecret: '' } },
      /`credentials.appSecret`/,
    ],
    [
      'a bad app id',
      { credentials: { kind: 'rest-app', appId: 1.5, appSecret: 'x' } },
      /`credentials.appId`/,
    ],
    ['an unknown kind', { credentials: { kind: 'admin' } }, /expected kind "rest-user"/],
    [
      'a page over the cap',
      { credentials: { kind: 'rest-user', token: 't' }, pageSize: 11 },
      /`pageSize`: .*at most 10/,
    ],
    [
      'a page of NaN',
      { credentials: { kind: 'rest-user', token: 't' }, pageSize: Number.NaN },
      /`pageSize`/,
    ],
    [
      'a concurrency of NaN',
      { credentials: { kind: 'rest-user', token: 't' }, concurrency: Number.NaN },
      /`concurrency`/,
    ],
    [
      'an unknown endpoint',
      {
        credentials: { kind: 'rest-user', token: 't' },
        endpoints: { 'inbound-answered': 'app-answered' },
      },
      /`endpoints.inbound-answered`: .*choose "user-in-cdr-answered" or "user-answered"/,
    ],
    [
      'every endpoint off',
      {
        credentials: { kind: 'piopiy-agent', token: 't' },
        endpoints: { 'inbound-answered': false, 'outbound-missed': false },
      },
      /list nothing/,
    ],
    [
      'an unknown option',
      { credentials: { kind: 'rest-user', token: 't' }, pagesize: 5 },
      /Unrecognized key: "pagesize"/,
    ],
    [
      'a lowercase currency',
      { credentials: { kind: 'rest-user', token: 't' }, currency: 'inr' },
      /`currency`/,
    ],
    [
      'plain http to a remote host',
      { credentials: { kind: 'rest-user', token: 't' }, baseUrls: { rest: 'http://example.com' } },
      /`baseUrls.rest`/,
    ],
    [
      'a base URL with a token in it',
      {
        credentials: { kind: 'rest-user', token: 't' },
        baseUrls: { rest: 'https://x.invalid/?token=SECRET' },
      },
      /cannot carry a query string/,
    ],
    // Overriding one host but not the one the credential calls would send it to production.
    [
      'only the other host overridden',
      {
        credentials: { kind: 'piopiy-app', appId: 1, appSecret: 'SECRET' },
        baseUrls: { rest: 'http://127.0.0.1:1' },
      },
      /`baseUrls.piopiy`: .*must name piopiy too/,
    ],
  ])('refuses settings with %s, naming the setting', (_name, settings, message) => {
    let error: unknown;
    try {
      createTelecmi(settings as TelecmiSettings);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain('SECRET');
  });

  test('maps 404 to AuthenticationError (with a hint on inferred endpoints) and a 400 to InvalidRequestError', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 10 });
    const sim = simulator;
    const window = windowOf(sim);
    const wrong = createTelecmi({
      credentials: { kind: 'rest-user', token: 'not-a-token' },
      baseUrls: sim.baseUrls,
      endpoints: { 'inbound-missed': false, 'outbound-answered': false, 'outbound-missed': false },
    });
    const error = await collect(wrong.listCalls(window)).catch((caught) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).not.toContain('not-a-token');
    expect(error.endpoint).toBe('POST /v2/user/in_cdr');
    expect(error.instance).toBe('telecmi:rest-user');
    expect(error.message).toContain('inferred');
    // A limit over the cap cannot be configured, so provoke the 400 through a raw request.
    const response = await fetch(`${sim.url}/v2/user/out_cdr`, {
      method: 'POST',
      body: JSON.stringify({ token: sim.accounts.rest.userToken, from: 0, to: 1, limit: 50 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 400,
      msg: 'Parameter limit lesser then equals 10',
    });
    await wrong.close?.();
  });
});
