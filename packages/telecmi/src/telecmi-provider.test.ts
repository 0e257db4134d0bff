import {
  AuthenticationError,
  type Call,
  createCdrClient,
  InvalidRequestError,
  UnsupportedError,
} from '@cdr/core';
import { afterEach, describe, expect, test } from 'vitest';
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

async function collect(calls: AsyncIterable<Call>) {
  const result: Call[] = [];
  for await (const call of calls) result.push(call);
  return result;
}

function windowOf(sim: TelecmiSimulator) {
  return { from: new Date(sim.dataSet.now - 3 * 86_400_000), to: new Date(sim.dataSet.now) };
}

describe('createTelecmi against the simulator', () => {
  test('lists all three kinds through the core client, each call once', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 300 });
    const sim = simulator;
    const window = windowOf(sim);
    const client = createCdrClient({
      providers: (['user', 'app', 'agent'] as const).map((kind) =>
        createTelecmi({
          credentials: sim.credentials[kind],
          baseUrls: sim.baseUrls,
          transport: fast,
        }),
      ),
    });
    const calls = await collect(client.listCalls(window));
    const expected = [
      ...sim.calls('user', window),
      ...sim.calls('app', window),
      ...sim.calls('agent', window),
    ].map((call) => call.id);
    expect(calls.map((call) => call.id).sort()).toEqual(expected.sort());
    expect(new Set(calls.map((call) => call.status))).toEqual(new Set(['answered', 'missed']));
    await client.close();
  });

  test('the user kind lists answered then missed, or one of them when filtered', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 120 });
    const sim = simulator;
    const provider = createTelecmi({
      credentials: sim.credentials.user,
      baseUrls: sim.baseUrls,
      transport: fast,
    });
    const window = windowOf(sim);
    const all = await collect(provider.listCalls(window));
    const firstMissed = all.findIndex((call) => call.status === 'missed');
    expect(all.slice(firstMissed).every((call) => call.status === 'missed')).toBe(true);
    const missed = await collect(provider.listCalls({ ...window, status: 'missed' }));
    expect(missed.map((call) => call.id).sort()).toEqual(
      sim
        .calls('user', window)
        .filter((call) => call.endpoint === 'user-outgoing-missed')
        .map((call) => call.id)
        .sort(),
    );
    // Newest first within an endpoint, as TeleCMI returns them.
    const times = missed.map((call) => call.startedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await provider.close?.();
  });

  test('always sends the window to the app endpoint, never relying on its last-24-hours default', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 200, days: 5 });
    const sim = simulator;
    const provider = createTelecmi({
      credentials: sim.credentials.app,
      baseUrls: sim.baseUrls,
      transport: fast,
    });
    const old = {
      from: new Date(sim.dataSet.now - 5 * 86_400_000),
      to: new Date(sim.dataSet.now - 2 * 86_400_000),
    };
    const calls = await collect(provider.listCalls(old));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.map((call) => call.id).sort()).toEqual(
      sim
        .calls('app', old)
        .map((call) => call.id)
        .sort(),
    );
    await provider.close?.();
  });

  test('calls arriving during a listing cause neither duplicates nor loss of the calls that were there', async () => {
    const arrivals: string[] = [];
    simulator = await TelecmiSimulator.start({
      now: testNow,
      calls: 150,
      beforeRequest: (requestNumber, sim) => {
        // Three new calls in the middle of the window on every request after the first.
        if (requestNumber > 1) {
          for (let index = 0; index < 3; index++) {
            arrivals.push(
              sim.addCall(
                'user-outgoing-answered',
                sim.dataSet.now - 86_400_000 - requestNumber * 1000 - index,
              ).id,
            );
          }
        }
      },
    });
    const sim = simulator;
    const window = windowOf(sim);
    const before = sim.calls('user', window).map((call) => call.id);
    const provider = createTelecmi({
      credentials: sim.credentials.user,
      baseUrls: sim.baseUrls,
      transport: fast,
      concurrency: 2,
    });
    const ids = (await collect(provider.listCalls(window))).map((call) => call.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
    expect(arrivals.length).toBeGreaterThan(0);
    await provider.close?.();
  });

  test('refuses what it cannot serve, naming what it can, before any request', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 10 });
    const sim = simulator;
    const window = windowOf(sim);
    const app = createTelecmi({ credentials: sim.credentials.app, baseUrls: sim.baseUrls });
    const answered = await collect(app.listCalls({ ...window, status: 'answered' })).catch(
      (error) => error,
    );
    expect(answered).toBeInstanceOf(UnsupportedError);
    expect(answered.supported).toEqual({ statuses: ['missed'] });
    const inbound = await collect(app.listCalls({ ...window, direction: 'inbound' })).catch(
      (error) => error,
    );
    expect(inbound.message).toContain('directions: outbound');
    const noWindow = await collect(app.listCalls({ from: window.from } as never)).catch(
      (error) => error,
    );
    expect(noWindow).toBeInstanceOf(InvalidRequestError);
    expect(sim.requestCount).toBe(0);
    await app.close?.();
  });

  test.each<[string, Partial<TelecmiSettings>]>([
    ['no token', { credentials: { kind: 'user', token: ' ' } }],
    ['no app secret', { credentials: { kind: 'app', appId: 1, appSecret: '' } }],
    ['a bad app id', { credentials: { kind: 'app', appId: 1.5, appSecret: 'x' } }],
    ['an unknown kind', { credentials: { kind: 'admin' } as never }],
    ['a page over 10', { credentials: { kind: 'user', token: 't' }, pageSize: 11 }],
    [
      'plain http to a remote host',
      { credentials: { kind: 'user', token: 't' }, baseUrls: { rest: 'http://example.com' } },
    ],
  ])('refuses settings with %s', (_name, settings) => {
    expect(() => createTelecmi(settings as TelecmiSettings)).toThrow(InvalidRequestError);
  });

  test('maps 404 to AuthenticationError and a 400 to InvalidRequestError with the provider message', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 10 });
    const sim = simulator;
    const window = windowOf(sim);
    const wrong = createTelecmi({
      credentials: { kind: 'agent', token: 'not-a-token' },
      baseUrls: sim.baseUrls,
    });
    const error = await collect(wrong.listCalls(window)).catch((caught) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).not.toContain('not-a-token');
    expect(error.endpoint).toBe('POST /v1/agentOutMissed');
    // A limit over 10 cannot be configured, so provoke the 400 through a raw request.
    const response = await fetch(`${sim.url}/v2/user/out_cdr`, {
      method: 'POST',
      body: JSON.stringify({ token: sim.accounts.userToken, from: 0, to: 1, limit: 50 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 400,
      msg: 'Parameter limit lesser then equals 10',
    });
    await wrong.close?.();
  });
});
