// Twilio's status callbacks through the push server, a real SQLite file and the simulator:
// the signature over the public URL (with and without the default port), refusals that
// store nothing, and the pushed call equal to the listed one.
import type { Call } from '@cdr/core';
import { createTwilio } from '@cdr/twilio';
import { type TwilioAccount, twilioDescriptor } from '@cdr/twilio/descriptor';
import { computeTwilioSignature, validateTwilioSignature } from '@cdr/twilio/push';
import { TwilioSimulator } from '@cdr/twilio/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRouteReceiver, toldByPush } from '../../testing/route-receiver.ts';
import { storedCalls, testNow } from '../../testing/test-support.ts';
import { pushRouteFor } from '../push-routes.ts';

let simulator: TwilioSimulator;
let account: TwilioAccount;
beforeAll(async () => {
  simulator = await TwilioSimulator.start({ calls: 200, now: testNow.getTime() });
  account = twilioDescriptor.fromSettings('twilio', {
    accountSid: simulator.accountSid,
    authToken: simulator.authToken,
    baseUrl: simulator.url,
  });
});
afterAll(() => simulator.stop());

function receiver(publicUrl: string | undefined) {
  return startRouteReceiver(
    pushRouteFor(twilioDescriptor, account, { publicUrl, now: () => testNow }),
  );
}

/** Sends a callback the simulator signed over `signedUrl` to the receiver at `url`. */
async function push(
  url: string,
  callback: { url: string; headers: Record<string, string>; body: string },
  headers: Record<string, string> = callback.headers,
): Promise<{ status: number; text: string }> {
  const query = callback.url.indexOf('?');
  const answer = await fetch(url + (query < 0 ? '' : callback.url.slice(query)), {
    method: 'POST',
    headers,
    body: callback.body,
  });
  return { status: answer.status, text: await answer.text() };
}

const told = (call: Call) => ({
  ...toldByPush(call),
  durations: call.durations,
  parentCallSid: call.providerFields?.parentCallSid,
});

test('a signed callback, form or JSON, behind a proxy is stored as the Call the listing gives', async () => {
  const running = await receiver('https://cdr.example.com');
  const answered = simulator.calls().find((call) => call.record.status === 'completed')!;
  const busy = simulator.calls().find((call) => call.record.status === 'busy')!;
  const child = simulator.calls().find((call) => call.record.parent_call_sid)!;
  try {
    const publicRoute = 'https://cdr.example.com/twilio';
    expect(await push(running.url, simulator.statusCallback(answered.id, publicRoute))).toEqual({
      status: 200,
      text: 'ok\n',
    });
    const json = simulator.statusCallback(busy.id, publicRoute, { json: true });
    expect((await push(running.url, json)).status).toBe(200);
    expect((await push(running.url, simulator.statusCallback(child.id, publicRoute))).status).toBe(
      200,
    );
    // Twilio retries: a repeat is the same row.
    expect((await push(running.url, json)).status).toBe(200);
    expect(running.server.stored).toEqual({ inserted: 3, updated: 0, unchanged: 1 });

    const twilio = createTwilio({
      accountSid: simulator.accountSid,
      authToken: simulator.authToken,
      baseUrl: simulator.url,
    });
    const stored = await storedCalls(running.database);
    for (const call of [answered, busy, child]) {
      const listed = await twilio.getCall!(call.id);
      expect(told(stored.find((candidate) => candidate.id === call.id)!)).toEqual(told(listed!));
    }
    await twilio.close?.();
    expect(JSON.stringify(stored)).not.toContain(simulator.authToken);
  } finally {
    await running.close();
  }
});

test('unsigned, mis-signed or signed for another URL: 403, nothing stored, no token shown', async () => {
  const running = await receiver('https://cdr.example.com');
  const call = simulator.calls().find((candidate) => candidate.record.status === 'completed')!;
  try {
    const good = simulator.statusCallback(call.id, 'https://cdr.example.com/twilio');
    const { 'x-twilio-signature': _signature, ...unsigned } = good.headers;
    const params = Object.fromEntries(new URLSearchParams(good.body));
    const answers = [
      await push(running.url, good, unsigned),
      await push(running.url, good, { ...good.headers, 'x-twilio-signature': '' }),
      // Signed with another token.
      await push(running.url, good, {
        ...good.headers,
        'x-twilio-signature': computeTwilioSignature(
          'another-auth-token-00000000000000',
          'https://cdr.example.com/twilio',
          params,
        ),
      }),
      // Signed over the receiver's own address, not the public URL Twilio calls.
      await push(running.url, simulator.statusCallback(call.id, running.url)),
      // A parameter changed after signing.
      await push(running.url, { ...good, body: good.body.replace('completed', 'busy') }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);
    expect(answers[0]!.text).toBe('no X-Twilio-Signature: not signed by Twilio\n');
    expect(answers[2]!.text).toMatch(/^the X-Twilio-Signature does not sign this URL and body/);
    expect(running.server.rejected).toBe(5);
    expect(await storedCalls(running.database)).toEqual([]);
    const shown = [...running.rejected, ...answers.map((answer) => answer.text)].join('\n');
    expect(shown).not.toContain(simulator.authToken);
  } finally {
    await running.close();
  }
});

test('the public URL with or without the default port: accepted as the package validator accepts it', async () => {
  const call = simulator.calls().find((candidate) => candidate.record.status === 'completed')!;
  for (const [configured, signedOver] of [
    ['https://cdr.example.com', 'https://cdr.example.com:443/twilio'],
    ['https://cdr.example.com:443', 'https://cdr.example.com/twilio'],
    ['http://cdr.example.com:80/hooks', 'http://cdr.example.com/hooks/twilio'],
    ['https://cdr.example.com:8443', 'https://cdr.example.com/twilio'],
  ] as const) {
    const running = await receiver(configured);
    try {
      const callback = simulator.statusCallback(call.id, signedOver);
      // The URL the receiver rebuilds: the public one and the path it was called at.
      const rebuilt = `${configured}/twilio`;
      const expected = validateTwilioSignature(
        simulator.authToken,
        callback.headers['x-twilio-signature'],
        rebuilt,
        new URLSearchParams(callback.body),
      );
      const { status } = await push(running.url, callback);
      expect(status, `${configured} signed over ${signedOver}`).toBe(expected ? 200 : 403);
      expect((await storedCalls(running.database)).length).toBe(expected ? 1 : 0);
    } finally {
      await running.close();
    }
  }
  // Both outcomes were seen: the variants accepted, another port refused.
  const acceptedByPackage = (configured: string, signedOver: string) =>
    validateTwilioSignature(
      simulator.authToken,
      computeTwilioSignature(simulator.authToken, signedOver),
      `${configured}/twilio`,
    );
  expect(acceptedByPackage('https://cdr.example.com', 'https://cdr.example.com:443/twilio')).toBe(
    true,
  );
  // A signature without the port is accepted at :8443 (as twilio-node accepts it); another port is not.
  expect(acceptedByPackage('https://cdr.example.com:8443', 'https://cdr.example.com/twilio')).toBe(
    true,
  );
  expect(
    acceptedByPackage('https://cdr.example.com:8443', 'https://cdr.example.com:9443/twilio'),
  ).toBe(false);
});

test('a callback of a call not over yet is answered and not stored; a listed call is kept as listed', async () => {
  const running = await receiver(undefined);
  const ongoing = simulator.calls().find((call) => call.record.status === 'in-progress')!;
  const priced = simulator.calls().find((call) => call.record.price)!;
  try {
    // No --public-url: the URL is the Host the request came to (the simulators' way).
    const answer = await push(running.url, simulator.statusCallback(ongoing.id, running.url));
    expect(answer).toEqual({ status: 200, text: 'ignored: a call not over yet (in-progress)\n' });
    expect(await storedCalls(running.database)).toEqual([]);

    const twilio = createTwilio({
      accountSid: simulator.accountSid,
      authToken: simulator.authToken,
      baseUrl: simulator.url,
    });
    const listed = (await twilio.getCall!(priced.id))!;
    await twilio.close?.();
    await running.store.writeSlice({ account: 'twilio', calls: [listed] });
    expect((await push(running.url, simulator.statusCallback(priced.id, running.url))).status).toBe(
      200,
    );
    expect(running.server.stored).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const [stored] = await storedCalls(running.database);
    // The price the callback does not carry is still there.
    expect(stored!.cost).toEqual(listed.cost);
    expect(stored!.raw).toEqual(listed.raw);
  } finally {
    await running.close();
  }
});
