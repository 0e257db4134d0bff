import { readFileSync } from 'node:fs';
import type { Call } from '@cdr/core';
import { type ForwardProxy, startForwardProxy } from '@cdr/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import { createTwilio, type TwilioSettings } from './twilio-provider.js';

const testNow = Date.parse('2026-11-24T06:30:00Z');
const window = { from: new Date(testNow - 3 * 86_400_000), to: new Date(testNow) };
const versionOf = (path: string) =>
  (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { version: string }).version;
let simulator: TwilioSimulator | undefined;
let proxy: ForwardProxy | undefined;

afterEach(async () => {
  await simulator?.stop();
  await proxy?.close();
  simulator = undefined;
  proxy = undefined;
});

async function list(settings: Partial<TwilioSettings>): Promise<Call[]> {
  const twilio = createTwilio({
    accountSid: simulator!.accountSid,
    authToken: simulator!.authToken,
    baseUrl: simulator!.url,
    pageSize: 20,
    ...settings,
  } as TwilioSettings);
  try {
    const calls: Call[] = [];
    for await (const call of twilio.listCalls(window)) calls.push(call);
    return calls;
  } finally {
    await twilio.close?.();
  }
}

describe('through a corporate proxy', () => {
  test('HTTP_PROXY: the proxy sees every request of a listing, and the listing is whole', async () => {
    simulator = await TwilioSimulator.start({ calls: 200, now: testNow });
    proxy = await startForwardProxy();
    const calls = await list({ transport: { proxy: { environment: { HTTP_PROXY: proxy.url } } } });
    expect(calls).toHaveLength(simulator.calls(window).length);
    expect(simulator.requestCount).toBeGreaterThan(5);
    expect(proxy.requests).toHaveLength(simulator.requestCount);
    for (const request of proxy.requests)
      expect(request.target.startsWith(`${simulator.url}/2010-04-01/Accounts/`)).toBe(true);
  });

  test('the simulator’s host in NO_PROXY, or the setting off: the proxy sees nothing', async () => {
    simulator = await TwilioSimulator.start({ calls: 200, now: testNow });
    proxy = await startForwardProxy();
    const environment = { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' };
    expect(await list({ transport: { proxy: { environment } } })).toHaveLength(
      simulator.calls(window).length,
    );
    expect(await list({ transport: { proxy: false } })).toHaveLength(
      simulator.calls(window).length,
    );
    expect(proxy.requests).toEqual([]);
  });
});

test('every request names cdr, @cdr/twilio and Node.js with their versions in its User-Agent', async () => {
  simulator = await TwilioSimulator.start({ calls: 50, now: testNow });
  const agents = new Set<string | undefined>();
  simulator.onRequest = (_number, request) => agents.add(request.headers['user-agent']);
  await list({ transport: { headers: { 'user-agent': 'billing-sync/4.1' } } });
  const coreVersion = versionOf('../node_modules/@cdr/core/package.json');
  const twilioVersion = versionOf('../package.json');
  expect([...agents]).toEqual([
    `billing-sync/4.1 cdr/${coreVersion} @cdr/twilio/${twilioVersion} node/${process.versions.node}`,
  ]);
});
