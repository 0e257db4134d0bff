// Our webhook check against the official SDK's (`TelnyxWebhook` from telnyx/lib/webhooks,
// what `client.webhooks.unwrap` uses in 7.24.0) on a generated set of signed, tampered,
// replayed and differently-encoded webhooks: both must accept and refuse the same ones.
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { telnyxPublicKey, telnyxSignatureProblem } from './telnyx-webhook-signature.js';
import { TelnyxSimulator } from './testing/telnyx-simulator.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const nowSeconds = testNow / 1000;
let simulator: TelnyxSimulator;
let stranger: TelnyxSimulator;
beforeAll(async () => {
  simulator = await TelnyxSimulator.start({ calls: 12, now: testNow, rateLimit: false });
  stranger = await TelnyxSimulator.start({ calls: 1, now: testNow, rateLimit: false, seed: 7 });
  // The SDK reads the clock (`Date.now()`): it is set to the test's instant, not the machine's.
  vi.useFakeTimers({ toFake: ['Date'], now: testNow });
});
afterAll(async () => {
  vi.useRealTimers();
  await simulator.stop();
  await stranger.stop();
});

interface Case {
  what: string;
  body: string;
  headers: Record<string, string>;
}

function cases(): Case[] {
  const out: Case[] = [];
  const add = (what: string, body: string, headers: Record<string, string>) =>
    out.push({ what, body, headers });
  const bodies = simulator.calls().map((call) => simulator.hangupPush(call.id).body);
  bodies.push(
    '{"data":{"event_type":"call.hangup","id":"e","payload":{"from":"Zoë ☎ \\u00e9"}}}',
    '{ "data" : { "event_type" : "call.hangup" } }\n',
    '',
  );
  for (const [index, body] of bodies.entries()) {
    for (const offset of [0, -299, 299, -300, 300, -301, 301, 86_400]) {
      const signed = simulator.sign(body, nowSeconds + offset);
      add(`body ${index}, timestamp now${offset >= 0 ? '+' : ''}${offset}`, body, signed.headers);
    }
    const signed = simulator.sign(body, nowSeconds);
    const signature = signed.headers['telnyx-signature-ed25519']!;
    const timestamp = signed.headers['telnyx-timestamp']!;
    const variants: [string, string, Record<string, string>][] = [
      ['a byte added to the body', `${body} `, signed.headers],
      ['the body re-encoded with escaped unicode', body.replace(/é/g, '\\u00e9'), signed.headers],
      ['the body with CRLF', body.replace(/\n/g, '\r\n'), signed.headers],
      ['signed by another account', body, stranger.sign(body, nowSeconds).headers],
      ['no signature', body, { 'telnyx-timestamp': timestamp }],
      ['no timestamp', body, { 'telnyx-signature-ed25519': signature }],
      ['no headers', body, {}],
      [
        'upper-case header names',
        body,
        { 'Telnyx-Signature-Ed25519': signature, 'TELNYX-TIMESTAMP': timestamp },
      ],
      [
        'the signature in base64url',
        body,
        {
          ...signed.headers,
          'telnyx-signature-ed25519': signature.replace(/\+/g, '-').replace(/\//g, '_'),
        },
      ],
      [
        'the signature unpadded',
        body,
        { ...signed.headers, 'telnyx-signature-ed25519': signature.replace(/=+$/, '') },
      ],
      [
        'the signature with a space',
        body,
        { ...signed.headers, 'telnyx-signature-ed25519': ` ${signature}` },
      ],
      [
        'the signature of another timestamp',
        body,
        { ...signed.headers, 'telnyx-timestamp': String(nowSeconds + 1) },
      ],
      [
        'a timestamp with a leading zero',
        body,
        { ...signed.headers, 'telnyx-timestamp': `0${timestamp}` },
      ],
      [
        'a timestamp in milliseconds',
        body,
        { ...signed.headers, 'telnyx-timestamp': `${timestamp}000` },
      ],
      ['a timestamp with a sign', body, { ...signed.headers, 'telnyx-timestamp': `+${timestamp}` }],
      [
        'a truncated signature',
        body,
        { ...signed.headers, 'telnyx-signature-ed25519': signature.slice(0, 84) },
      ],
      [
        'a legacy telnyx-signature header only',
        body,
        { 'telnyx-signature': signature, 'telnyx-timestamp': timestamp },
      ],
    ];
    for (const [what, variantBody, headers] of variants)
      add(`body ${index}, ${what}`, variantBody, headers);
  }
  return out;
}

test('the official SDK and our check agree on every generated webhook', async () => {
  const key = telnyxPublicKey(simulator.publicKey)!;
  const official = new TelnyxWebhook(simulator.publicKey);
  const all = cases();
  let accepted = 0;
  for (const { what, body, headers } of all) {
    const ours = telnyxSignatureProblem({ headers, body }, key, testNow) === undefined;
    const theirs = await official.verify(body, headers).then(
      () => true,
      () => false,
    );
    expect(ours, what).toBe(theirs);
    if (ours) accepted++;
  }
  // The generated set holds both kinds, in numbers.
  expect(accepted).toBeGreaterThan(50);
  expect(all.length - accepted).toBeGreaterThan(200);
  console.info(
    `telnyx signature fidelity: ${all.length} webhooks compared (${accepted} accepted, ${all.length - accepted} refused by both)`,
  );
});

test('public keys: the SDK and our settings accept and refuse the same', () => {
  const valid = simulator.publicKey;
  for (const candidate of [
    valid,
    valid.replace(/=$/, ''),
    valid.replace(/\+/g, '-'),
    `${valid}AAAA`,
    '',
    'not a key',
    `${valid.slice(0, 40)}AAA=`,
  ]) {
    const theirs = (() => {
      try {
        new TelnyxWebhook(candidate);
        return true;
      } catch {
        return false;
      }
    })();
    expect(telnyxPublicKey(candidate) !== undefined, candidate).toBe(theirs);
  }
});
