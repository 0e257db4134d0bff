import { type Call, type CallParty, InvalidRequestError, parseCall } from '@cdr/core';
import { createPhoneNormalizer } from '@cdr/core/provider-utils';
import { startTestServer, type TestServer } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { mergeTelecmiLegs } from './merge-telecmi-legs.js';
import { parseTelecmiWebhook } from './parse-telecmi-webhook.js';
import { createTelecmi } from './telecmi-provider.js';
import type { SimulatedTelecmiCall, SimulatedTelecmiCallKind } from './testing/telecmi-data-set.js';
import { TelecmiSimulator, type TelecmiWebhookPushOptions } from './testing/telecmi-simulator.js';
import { simulatedUserPhone } from './testing/telecmi-webhook-payloads.js';
import {
  verifyTelecmiWebhookBasicAuth,
  verifyTelecmiWebhookToken,
} from './verify-telecmi-webhook.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const token = 'kX3v9QeTz1pL8sWd0aYb2nGh';
const basicCredentials = { username: 'telecmi', password: 'Zt5 "quoted" \\ password' };
const normalize = createPhoneNormalizer({ defaultRegion: 'IN' });

let simulator: TelecmiSimulator | undefined;
let receiver: TestServer | undefined;
afterEach(async () => {
  await Promise.all([simulator?.stop(), receiver?.close()]);
  simulator = undefined;
  receiver = undefined;
});

/**
 * A receiver as an application would write one: check the path token (or Basic
 * credentials), read the CDR, merge it with the stored Call, store it as JSON.
 */
async function startReceiver(protection: 'token' | 'basic') {
  const store = new Map<string, string>();
  const answers: number[] = [];
  receiver = await startTestServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://receiver.invalid');
    const allowed =
      protection === 'token'
        ? verifyTelecmiWebhookToken(url.pathname.split('/').at(-1), token)
        : verifyTelecmiWebhookBasicAuth(request.headers.authorization, basicCredentials);
    let status = 401;
    if (allowed) {
      try {
        const result = parseTelecmiWebhook(request.method === 'GET' ? url.searchParams : body, {
          contentType: request.headers['content-type'] ?? '',
        });
        if (result.kind === 'call') {
          const existing = store.get(result.call.id);
          const merged = mergeTelecmiLegs(
            existing === undefined ? undefined : parseCall(JSON.parse(existing)),
            result.call,
          );
          store.set(result.call.id, JSON.stringify(merged));
        }
        status = 204;
      } catch (error) {
        status = error instanceof InvalidRequestError ? 400 : 500;
      }
    }
    answers.push(status);
    response.writeHead(status);
    response.end();
  });
  return { store, answers, url: `${receiver.url}/telecmi/cdr/${token}` };
}

const kinds: SimulatedTelecmiCallKind[] = (['rest-app', 'rest-user'] as const).flatMap((account) =>
  (['inbound', 'outbound'] as const).flatMap((direction) =>
    (['answered', 'missed'] as const).map((status) => ({ account, direction, status })),
  ),
);

/** The calls to push: two of each account, direction and status, on the simulator's day. */
function addCalls(): SimulatedTelecmiCall[] {
  return kinds.flatMap((kind, index) => [
    simulator!.addCall(kind, testNow - 3_600_000 * (index + 1)),
    simulator!.addCall(kind, testNow - 3_600_000 * (index + 1) - 60_000),
  ]);
}

async function listed(account: 'rest-app' | 'rest-user'): Promise<Map<string, Call>> {
  const provider = createTelecmi({
    credentials: simulator!.credentials[account],
    baseUrls: simulator!.baseUrls,
  });
  const calls = new Map<string, Call>();
  for await (const call of provider.listCalls({
    from: new Date(testNow - 86_400_000),
    to: new Date(testNow),
  }))
    calls.set(call.id, call);
  await provider.close?.();
  return calls;
}

const withoutName = (party: CallParty | undefined) => {
  if (party === undefined) return undefined;
  const { name: _name, ...rest } = party;
  return rest;
};

/**
 * The listed Call with the differences the package README documents ("Webhooks: pushed
 * and listed Calls"), every other field equal: no contact names, cost, notes, country or
 * total and billed seconds in a push; talk or wait seconds, the user's phone, the hangup
 * reason and the team only in a push; a user-level listing names neither the user nor,
 * on inbound calls, the DID.
 */
function expectedPush(listedCall: Call, simulated: SimulatedTelecmiCall) {
  const { rest } = simulator!.accounts;
  const {
    durations: _durations,
    endedAt: _endedAt,
    cost: _cost,
    notes: _notes,
    country: _country,
    raw: _raw,
    providerFields: _providerFields,
    agent: listedAgent,
    from,
    to,
    ...shared
  } = listedCall;
  const inbound = simulated.direction === 'inbound';
  const answered = simulated.status === 'answered';
  const userLevel = simulated.account === 'rest-user';
  const agentId = userLevel ? (answered || !inbound ? rest.userId : undefined) : listedAgent?.id;
  const agent = {
    ...(agentId ? { id: agentId } : {}),
    ...(answered ? { phone: normalize(simulatedUserPhone(agentId!)) } : {}),
  };
  return {
    ...shared,
    from: withoutName(from),
    to: withoutName(to) ?? (inbound && userLevel ? normalize(rest.did) : undefined),
    ...(Object.keys(agent).length > 0 ? { agent } : {}),
    durations: answered
      ? { talkSeconds: simulated.record.billedsec }
      : inbound
        ? { ringSeconds: simulated.record.duration }
        : {},
    notes: [],
    providerFields: {
      hangupReason: inbound ? 'recv_bye' : answered ? 'sent_bye' : 'recv_cancel',
      ...(inbound ? { team: `Sales_${rest.appId}` } : {}),
    },
    raw: { webhookLegs: expect.any(Array) },
  };
}

describe('a pushed call and the listed call of the same id', () => {
  test('are the same Call but for the documented differences, in any order, repeated, among live events', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 21 });
    const { store, answers, url } = await startReceiver('token');
    const calls = addCalls();
    for (const [index, call] of calls.entries()) {
      const options: TelecmiWebhookPushOptions = {
        order: 'random',
        repeat: 1 + (index % 3),
        liveEvents: true,
        seed: index,
      };
      const deliveries = await simulator.pushWebhook(url, call.id, options);
      expect(deliveries.every((delivery) => delivery.status === 204)).toBe(true);
    }
    expect(answers.length).toBeGreaterThan(calls.length * 3);
    const listedCalls = new Map([...(await listed('rest-app')), ...(await listed('rest-user'))]);
    expect([...store.keys()].sort()).toEqual(calls.map((call) => call.id).sort());
    for (const call of calls) {
      const listedCall = listedCalls.get(call.id);
      expect(listedCall, `${call.account} ${call.direction} ${call.status}`).toBeDefined();
      const pushed = parseCall(JSON.parse(store.get(call.id)!));
      expect(pushed, `${call.account} ${call.direction} ${call.status}`).toEqual(
        expectedPush(listedCall!, call),
      );
    }
  });

  test('an outbound answered call arrives as two legs, the recording on leg b, and is one Call', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 5 });
    const { store, url } = await startReceiver('token');
    const call = simulator.addCall(
      { account: 'rest-app', direction: 'outbound', status: 'answered' },
      testNow - 600_000,
    );
    const deliveries = await simulator.pushWebhook(url, call.id, { order: 'b-first' });
    expect(deliveries.map((delivery) => delivery.payload.leg)).toEqual(['b', 'a']);
    expect(deliveries[0]!.payload).toMatchObject({ record: true, filename: call.record.filename });
    expect(deliveries[1]!.payload.filename).toBeUndefined();
    expect(deliveries.map((delivery) => delivery.payload.conversation_uuid)).toEqual([
      call.id,
      call.id,
    ]);
    expect(deliveries[1]!.payload.cmiuuid).toBe(call.id);
    expect(store.size).toBe(1);
    expect(parseCall(JSON.parse(store.get(call.id)!)).recording).toEqual({
      fileName: call.record.filename,
    });
  });
});

describe('the endpoint is protected', () => {
  test('a push to a wrong token is refused and stores nothing', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 8 });
    const { store, url } = await startReceiver('token');
    const call = simulator.addCall(
      { account: 'rest-app', direction: 'inbound', status: 'answered' },
      testNow - 600_000,
    );
    const wrong = url.replace(token, `${token.slice(0, -1)}x`);
    const deliveries = await simulator.pushWebhook(wrong, call.id);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([401]);
    expect(store.size).toBe(0);
  });

  test('GET deliveries with Basic credentials: right ones are read, wrong ones refused', async () => {
    simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 9 });
    const { store, url } = await startReceiver('basic');
    const call = simulator.addCall(
      { account: 'rest-app', direction: 'outbound', status: 'answered' },
      testNow - 600_000,
    );
    const refused = await simulator.pushWebhook(url, call.id, {
      method: 'GET',
      basicAuth: { ...basicCredentials, password: `${basicCredentials.password}!` },
    });
    expect(refused.map((delivery) => delivery.status)).toEqual([401, 401]);
    expect(store.size).toBe(0);
    const accepted = await simulator.pushWebhook(url, call.id, {
      method: 'GET',
      basicAuth: basicCredentials,
      liveEvents: true,
    });
    expect(accepted.every((delivery) => delivery.status === 204)).toBe(true);
    const listedCall = (await listed('rest-app')).get(call.id)!;
    expect(parseCall(JSON.parse(store.get(call.id)!))).toEqual(expectedPush(listedCall, call));
  });
});

test('PIOPIY calls are not pushed: their listed ids have no known webhook id', async () => {
  simulator = await TelecmiSimulator.start({ now: testNow, calls: 0, seed: 3 });
  const call = simulator.addCall(
    { account: 'piopiy-app', direction: 'inbound', status: 'answered' },
    testNow - 600_000,
  );
  await expect(simulator.pushWebhook('http://127.0.0.1:9/', call.id)).rejects.toThrow(/PIOPIY/);
});
