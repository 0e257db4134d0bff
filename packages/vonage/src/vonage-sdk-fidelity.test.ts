import type { Call } from '@cdr/core';
import { AuthenticationError, RateLimitedError } from '@cdr/core';
import { seededRandom } from '@cdr/core/testing';
import { verifySignature } from '@vonage/jwt';
import { Voice } from '@vonage/voice';
import { afterEach, describe, expect, test } from 'vitest';
import { VonageSimulator } from './testing/vonage-simulator.js';
import { unknownVonagePrivateKey } from './testing/vonage-test-keys.js';
import { createVonage } from './vonage-provider.js';
import { signVonageWebhook, vonageWebhookProblem } from './vonage-signed-webhook.js';

// Fidelity: Vonage's official Node SDK (@vonage/voice and @vonage/jwt, pinned in the
// workspace catalog) against our simulator and our webhook check. The simulator and our
// client are written from the same fact sheet; the SDK is Vonage's own reading of the API.

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 2 * 86_400_000 + 60_000), to: new Date(testNow) };
let simulator: VonageSimulator | undefined;

afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
});

/**
 * The SDK pointed at the simulator: `apiHost` is the Voice client's base (it requests
 * `${apiHost}/v1/calls`, server-client's `client.ts`), sent through the global fetch, so
 * `http://127.0.0.1:port` works as is. The SDK signs its own RS256 JWT per request.
 */
const sdkVoice = (sim: VonageSimulator, privateKey = sim.privateKey) =>
  new Voice({ applicationId: sim.applicationId, privateKey }, { apiHost: sim.url });

const utcSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

interface RawLeg {
  uuid: string;
  status?: string;
  direction?: string;
  rate?: string;
  price?: string;
  duration?: string;
  network?: string;
  conversation_uuid?: string;
  start_time?: string;
  end_time?: string;
  from?: { number?: string; user?: string };
  to?: { number?: string; user?: string };
}

/**
 * Every leg of a window through the SDK's `getCallsPage`, walking `_links.next` as the
 * fact sheet advises (its `getAllCalls` cannot: see the test below): the next
 * `record_index` read from the link, resolved against the host.
 */
async function sdkList(voice: Voice, host: string, from: Date, to: Date): Promise<RawLeg[]> {
  const legs: RawLeg[] = [];
  let recordIndex = 0;
  for (;;) {
    const page = (await voice.getCallsPage({
      dateStart: utcSeconds(from.getTime()),
      dateEnd: utcSeconds(to.getTime()),
      pageSize: 100,
      order: 'asc',
      recordIndex,
    } as Parameters<Voice['getCallsPage']>[0])) as unknown as {
      _embedded: { calls: RawLeg[] };
      _links: { next?: { href: string } };
    };
    legs.push(...page._embedded.calls);
    const next = page._links.next?.href;
    if (next === undefined) return legs;
    recordIndex = Number(new URL(next, host).searchParams.get('record_index'));
  }
}

/** The fields both sides carry, from the record as the SDK returned it. */
const sdkView = (leg: RawLeg) => ({
  id: leg.uuid,
  status: leg.status,
  direction: leg.direction,
  from: leg.from?.number ?? leg.from?.user,
  to: leg.to?.number ?? leg.to?.user,
  start: new Date(leg.start_time!).toISOString(),
  end: new Date(leg.end_time!).toISOString(),
  duration: Number(leg.duration),
  price: Number(leg.price),
  rate: leg.rate,
  network: leg.network,
  conversation: leg.conversation_uuid,
});

/** The same fields from our Call. */
const ourView = (call: Call) => ({
  id: call.id,
  status: call.providerFields?.status,
  direction: call.providerFields?.direction,
  from: call.from?.raw,
  to: call.to?.raw,
  start: call.startedAt.toISOString(),
  end: call.endedAt?.toISOString(),
  duration: call.durations.totalSeconds,
  price: call.cost?.amount,
  rate: call.providerFields?.ratePerMinute,
  network: call.providerFields?.network,
  conversation: call.providerFields?.conversationUuid,
});

async function ourList(sim: VonageSimulator, from: Date, to: Date): Promise<Call[]> {
  const vonage = createVonage({
    applicationId: sim.applicationId,
    privateKey: sim.privateKey,
    baseUrl: sim.url,
    now: () => new Date(testNow),
  });
  const calls: Call[] = [];
  for await (const call of vonage.listCalls({ from, to })) calls.push(call);
  await vonage.close?.();
  return calls;
}

/** A budget neither client reaches: the SDK and ours alternating would share the documented 15 a second. */
const ample = { limit: 10_000, intervalMs: 1000 };

describe('the official SDK against our simulator', () => {
  test('lists the same legs with the same fields as our client', async () => {
    // Two clients, each keeping 15 a second on its own, would share the simulator's one
    // budget: fidelity is about shapes, so the budget here is out of the way.
    simulator = await VonageSimulator.start({ calls: 400, now: testNow, rateLimit: ample });
    const sdk = (await sdkList(sdkVoice(simulator), simulator.url, window.from, window.to)).map(
      sdkView,
    );
    const ours = (await ourList(simulator, window.from, window.to)).map(ourView);
    const byId = (views: { id: string }[]) => [...views].sort((a, b) => a.id.localeCompare(b.id));
    expect(ours.length).toBe(simulator.calls(window).length);
    expect(byId(ours)).toEqual(byId(sdk));
    console.info(
      `vonage fidelity: ${sdk.length} legs listed by @vonage/voice and by @cdr/vonage, 12 fields each, equal`,
    );
  }, 60_000);

  test('getCall: the SDK and our client read the same leg', async () => {
    simulator = await VonageSimulator.start({ calls: 40, now: testNow, rateLimit: ample });
    const vonage = createVonage({
      applicationId: simulator.applicationId,
      privateKey: simulator.privateKey,
      baseUrl: simulator.url,
      now: () => new Date(testNow),
    });
    const ids = simulator
      .calls()
      .map((call) => call.id)
      .slice(0, 10);
    for (const id of ids) {
      const sdk = (await sdkVoice(simulator).getCall(id)) as unknown as Record<string, unknown>;
      const ours = await vonage.getCall(id);
      // getCall returns the record camel-cased (`startTime`, `conversationUuid`).
      expect(ourView(ours!)).toEqual(
        sdkView({
          uuid: String(sdk.uuid),
          status: sdk.status as string,
          direction: sdk.direction as string,
          rate: sdk.rate as string,
          price: sdk.price as string,
          duration: sdk.duration as string,
          network: sdk.network as string,
          conversation_uuid: (sdk.conversationUuid ?? sdk.conversationUUID) as string,
          start_time: sdk.startTime as string,
          end_time: sdk.endTime as string,
          from: sdk.from as RawLeg['from'],
          to: sdk.to as RawLeg['to'],
        }),
      );
    }
    await vonage.close?.();
    console.info(`vonage fidelity: ${ids.length} legs by id, equal`);
  });

  test('the SDK’s getAllCalls reads one page, but cannot follow a relative next link (as the fact sheet warns)', async () => {
    simulator = await VonageSimulator.start({ calls: 400, now: testNow });
    const voice = sdkVoice(simulator);
    const narrow = { from: new Date(testNow - 3_600_000), to: new Date(testNow) };
    const oneHour: string[] = [];
    for await (const call of voice.getAllCalls({
      dateStart: utcSeconds(narrow.from.getTime()),
      dateEnd: utcSeconds(narrow.to.getTime()),
      pageSize: 100,
    } as Parameters<Voice['getAllCalls']>[0]))
      oneHour.push(call.uuid);
    expect(oneHour.sort()).toEqual(
      simulator
        .calls(narrow)
        .map((call) => call.id)
        .sort(),
    );
    const all = async () => {
      for await (const _call of voice.getAllCalls({ pageSize: 10 } as Parameters<
        Voice['getAllCalls']
      >[0])) {
        // Consumed until the SDK stops.
      }
    };
    await expect(all()).rejects.toThrow(TypeError);
  });

  test('our error answers are the errors the SDK expects: 401, 404 and 429 with problem bodies', async () => {
    simulator = await VonageSimulator.start({
      calls: 40,
      now: testNow,
      rateLimit: { limit: 3, intervalMs: 60_000 },
    });
    const statusOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return undefined;
      } catch (error) {
        const response = (error as { response?: Response }).response;
        return { status: response?.status, body: (await response?.json()) as { title?: string } };
      }
    };
    const wrongKey = unknownVonagePrivateKey();
    const unauthorized = await statusOf(sdkVoice(simulator, wrongKey).getCall('x'));
    expect(unauthorized).toMatchObject({ status: 401, body: { title: 'Unauthorized' } });
    const notFound = await statusOf(
      sdkVoice(simulator).getCall('00000000-0000-4000-8000-000000000000'),
    );
    expect(notFound).toMatchObject({ status: 404, body: { title: 'Not Found' } });
    await sdkVoice(simulator).getCall(simulator.calls()[0]!.id);
    await sdkVoice(simulator).getCall(simulator.calls()[1]!.id);
    const limited = await statusOf(sdkVoice(simulator).getCall(simulator.calls()[2]!.id));
    expect(limited).toMatchObject({ status: 429, body: { title: 'Rate Limit Hit' } });
    // Our client reads the same answers as typed errors.
    const ours = createVonage({
      applicationId: simulator.applicationId,
      privateKey: wrongKey,
      baseUrl: simulator.url,
      now: () => new Date(testNow),
      transport: { retry: false },
    });
    await expect(ours.getCall('x')).rejects.toBeInstanceOf(AuthenticationError);
    const limitedOurs = createVonage({
      applicationId: simulator.applicationId,
      privateKey: simulator.privateKey,
      baseUrl: simulator.url,
      now: () => new Date(testNow),
      transport: { retry: false },
    });
    await expect(limitedOurs.getCall(simulator.calls()[3]!.id)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    console.info('vonage fidelity: 3 error answers (401, 404, 429) read alike');
  });
});

describe('@vonage/jwt verifySignature and our webhook check', () => {
  test('agree on a generated set of signed, tampered and differently encoded webhooks', () => {
    const random = seededRandom(7);
    const secret = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
    // jsonwebtoken reads the machine's clock for exp and nbf and takes no other: the cases
    // are made relative to it (never a fixed date), and our check is given the same instant.
    const at = Math.floor(Date.now() / 1000) * 1000;
    const now = new Date(at);
    const ours = (token: string, body: string) =>
      vonageWebhookProblem(`Bearer ${token}`, body, secret, { now, toleranceSeconds: 300 }) ===
      undefined;
    const flip = (text: string, index: number) =>
      `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
    let agreed = 0;
    let differences = 0;
    for (let index = 0; index < 40; index++) {
      const body = JSON.stringify({
        uuid: `leg-${index}`,
        status: 'completed',
        duration: String(Math.floor(random() * 1000)),
        note: index % 3 === 0 ? 'é "quoted" \\ ☎' : 'plain',
      });
      const signed = signVonageWebhook(body, secret, { now, apiKey: 'abcd1234' });
      const [header, claims, signature] = signed.split('.') as [string, string, string];
      const cases: { name: string; token: string; body: string; both: boolean }[] = [
        { name: 'signed', token: signed, body, both: true },
        {
          name: 'another secret',
          token: signVonageWebhook(body, `${secret}x`, { now }),
          body,
          both: false,
        },
        {
          name: 'a signature character changed',
          token: `${header}.${claims}.${flip(signature, Math.floor(random() * signature.length))}`,
          body,
          both: false,
        },
        {
          name: 'claims changed after signing',
          token: `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), api_key: 'other' })).toString('base64url')}.${signature}`,
          body,
          both: false,
        },
        { name: 'no signature', token: `${header}.${claims}.`, body, both: false },
        {
          name: 'alg none',
          token: signVonageWebhook(body, secret, { now, header: { alg: 'none' } }).replace(
            /\.[^.]*$/,
            '.',
          ),
          body,
          both: false,
        },
        {
          name: 'expired',
          token: signVonageWebhook(body, secret, { now, claims: { exp: at / 1000 - 10 } }),
          body,
          both: false,
        },
        {
          name: 'not before a later time',
          token: signVonageWebhook(body, secret, { now, claims: { nbf: at / 1000 + 3600 } }),
          body,
          both: false,
        },
        {
          name: 'signature in padded base64, not base64url',
          token: `${header}.${claims}.${Buffer.from(signature, 'base64url').toString('base64')}`,
          body,
          both: false,
        },
      ];
      for (const entry of cases) {
        const sdk = verifySignature(entry.token, secret);
        const expected = entry.both;
        expect({ name: entry.name, sdk }).toEqual({ name: entry.name, sdk: expected });
        expect({ name: entry.name, ours: ours(entry.token, entry.body) }).toEqual({
          name: entry.name,
          ours: expected,
        });
        agreed++;
      }
      // Deliberate differences, documented in the README: the SDK checks the token only.
      const tampered = body.replace('completed', 'busy');
      expect(verifySignature(signed, secret)).toBe(true);
      expect(ours(signed, tampered)).toBe(false); // payload_hash is not this body's
      const replayed = signVonageWebhook(body, secret, { now: new Date(at - 3_600_000) });
      expect(verifySignature(replayed, secret)).toBe(true);
      expect(ours(replayed, body)).toBe(false); // iat an hour ago: outside the 300 s tolerance
      differences += 2;
    }
    console.info(
      `vonage webhook fidelity: ${agreed} cases agree with @vonage/jwt verifySignature; ${differences} deliberate differences (payload_hash, iat tolerance)`,
    );
    expect(agreed).toBe(360);
  });
});
