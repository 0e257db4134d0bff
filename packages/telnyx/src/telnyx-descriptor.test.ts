import { type Call, InvalidRequestError } from '@cdr/core';
import { collect } from '@cdr/core/testing';
import { expect, test } from 'vitest';
import { telnyxDescriptor } from './telnyx-descriptor.js';

// A valid public key shape (32 bytes of base64); not any account's.
const publicKey = Buffer.alloc(32, 7).toString('base64');

test('reads one account named telnyx from the environment', () => {
  expect(telnyxDescriptor.fromEnvironment({})).toEqual([]);
  const [account] = telnyxDescriptor.fromEnvironment({
    TELNYX_API_KEY: 'KEYsecret',
    TELNYX_PUBLIC_KEY: publicKey,
    TELNYX_RECORD_TYPES: 'call-control, webrtc',
  });
  expect([account!.name, account!.provider, account!.secrets]).toEqual([
    'telnyx',
    'telnyx',
    ['KEYsecret'],
  ]);
  expect(account!.webhookPublicKey).toBe(publicKey);
  expect(account!.create().name).toBe('telnyx');
  // Optional variables alone configure nothing.
  expect(telnyxDescriptor.fromEnvironment({ TELNYX_PUBLIC_KEY: publicKey })).toEqual([]);
});

test('a bad variable is an error naming it', () => {
  const refused = (env: Record<string, string>) => {
    try {
      telnyxDescriptor.fromEnvironment({ TELNYX_API_KEY: 'KEYsecret', ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      return String((error as Error).message);
    }
    return 'accepted';
  };
  expect(refused({ TELNYX_PUBLIC_KEY: 'not-a-key' })).toContain('TELNYX_PUBLIC_KEY');
  expect(refused({ TELNYX_BASE_URL: 'http://example.com' })).toContain('TELNYX_BASE_URL');
  expect(refused({ TELNYX_RECORD_TYPES: 'webrtc,WEBRTC!' })).not.toBe('accepted');
});

test('every variable the descriptor reads is declared, and the simulator lists its truth', async () => {
  expect(telnyxDescriptor.environment.map((variable) => variable.name)).toEqual([
    'TELNYX_API_KEY',
    'TELNYX_PUBLIC_KEY',
    'TELNYX_RECORD_TYPES',
    'TELNYX_BASE_URL',
  ]);
  const now = new Date('2026-11-24T06:30:00Z');
  const simulated = await telnyxDescriptor.simulate({ now: () => now, calls: 90 });
  try {
    const [account] = simulated.accounts;
    expect(account?.webhookPublicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const window = { from: new Date(now.getTime() - 3 * 86_400_000), to: now };
    const ids = (await collect(account!.create().listCalls(window))).map((call) => call.id);
    expect(ids.sort()).toEqual(simulated.expectedCallIds('telnyx', window).sort());
  } finally {
    await simulated.stop();
  }
});
