import { PassThrough } from 'node:stream';
import type { TransportEvent } from '@cdr/core';
import { secretForms } from '@cdr/core/provider-utils';
import { expect, test } from 'vitest';
import { createLogger, errorFields } from './logger.ts';

const now = new Date('2026-11-24T06:30:00.000Z');

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, read: () => text };
}

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('JSON: one object per line with the command clock’s time, the level as a word, the message and the fields given', async () => {
  const { stream, read } = capture();
  const log = createLogger(
    { stderr: stream, now: () => now },
    { format: 'json', showsTransport: false },
  );
  log.info('synced', {
    account: 'twilio:main',
    provider: 'twilio',
    durationMs: 12,
    skipped: undefined,
  });
  log.error(
    'sync failed',
    { account: 'twilio:main', errorCode: 'authentication', error: 'HTTP 401' },
    'FAILED text',
  );
  log.debug('not shown without -v');
  await new Promise((resolve) => setImmediate(resolve));
  const [synced, failed, ...rest] = lines(read());
  expect(rest).toEqual([]);
  expect(synced).toMatchObject({
    level: 'info',
    time: now.toISOString(),
    msg: 'synced',
    account: 'twilio:main',
    provider: 'twilio',
    durationMs: 12,
  });
  expect(synced).not.toHaveProperty('skipped');
  expect(failed).toMatchObject({
    level: 'error',
    msg: 'sync failed',
    errorCode: 'authentication',
    error: 'HTTP 401',
  });
});

test('text: the text line when one is given, nothing for null, the message otherwise', async () => {
  const { stream, read } = capture();
  const log = createLogger(
    { stderr: stream, now: () => now },
    { format: 'text', showsTransport: false },
  );
  log.info('synced', {}, null);
  log.warn('the window may be incomplete', {}, 'telecmi:x  INCOMPLETE  why');
  log.info('641 calls in /tmp/x.sqlite');
  await new Promise((resolve) => setImmediate(resolve));
  expect(read()).toBe('telecmi:x  INCOMPLETE  why\n641 calls in /tmp/x.sqlite\n');
});

test('a secret told to the logger never reaches a line, in either format, in any encoding', async () => {
  const secret = 'sk_live_Q2hhcmxpZSBpcyBoZXJl';
  for (const format of ['json', 'text'] as const) {
    const { stream, read } = capture();
    const log = createLogger({ stderr: stream, now: () => now }, { format, showsTransport: true });
    log.redact([secret]);
    const echoed = `echo ${secret} ${encodeURIComponent(secret)} ${Buffer.from(`user:${secret}`).toString('base64')}`;
    log.warn(echoed, { error: echoed, nested: { [secret]: [echoed] } }, echoed);
    log.transportEvent({
      type: 'retry',
      provider: 'twilio',
      instance: 'twilio:main',
      endpoint: 'GET /Calls.json',
      attempt: 1,
      delayMs: 500,
      error: { code: 'provider_error', message: `HTTP 500: ${echoed}` },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = read();
    expect(text).toContain('[REDACTED]');
    for (const form of secretForms(secret)) expect(text, `${format}: ${form}`).not.toContain(form);
  }
});

test('transport events: shown only with -v or DEBUG=cdr:http, as debug lines with their reason and wait', async () => {
  const events: TransportEvent[] = [
    {
      type: 'request',
      provider: 'telecmi',
      instance: 'telecmi:rest-user',
      endpoint: 'POST /v2/user/out_cdr',
      attempt: 2,
      method: 'POST',
      url: 'https://rest.telecmi.com/v2/user/out_cdr',
    },
    {
      type: 'response',
      provider: 'telecmi',
      instance: 'telecmi:rest-user',
      endpoint: 'POST /v2/user/out_cdr',
      attempt: 1,
      statusCode: 302,
      durationMs: 41.6,
      bytes: 0,
    },
    {
      type: 'retry',
      provider: 'telecmi',
      instance: 'telecmi:rest-user',
      endpoint: 'POST /v2/user/out_cdr',
      attempt: 1,
      delayMs: 1500,
      error: {
        code: 'rate_limited',
        message: '[telecmi:rest-user] POST /v2/user/out_cdr: HTTP 429',
      },
    },
    {
      type: 'rate-limit-wait',
      provider: 'telecmi',
      instance: 'telecmi:rest-user',
      endpoint: 'POST /v2/user/out_cdr',
      attempt: 1,
      waitMs: 250,
    },
    {
      type: 'token-wait',
      provider: 'ozonetel',
      endpoint: 'GET /ca_reports/fetchCDRDetails',
      attempt: 1,
      reason: 'token-issuance-budget',
      waitMs: 60_000,
    },
  ];
  const quiet = capture();
  const off = createLogger(
    { stderr: quiet.stream, now: () => now },
    { format: 'text', showsTransport: false },
  );
  for (const event of events) off.transportEvent(event);
  const shown = capture();
  const on = createLogger(
    { stderr: shown.stream, now: () => now },
    { format: 'text', showsTransport: true },
  );
  for (const event of events) on.transportEvent(event);
  const json = capture();
  const asJson = createLogger(
    { stderr: json.stream, now: () => now },
    { format: 'json', showsTransport: true },
  );
  for (const event of events) asJson.transportEvent(event);
  await new Promise((resolve) => setImmediate(resolve));
  expect(quiet.read()).toBe('');
  expect(shown.read().split('\n')).toEqual([
    '[cdr:http] telecmi:rest-user  → POST https://rest.telecmi.com/v2/user/out_cdr (attempt 2)',
    '[cdr:http] telecmi:rest-user  ← 302 POST /v2/user/out_cdr  42 ms  0 bytes (a redirect: not followed)',
    '[cdr:http] telecmi:rest-user  retry of POST /v2/user/out_cdr in 1,500 ms: attempt 1 failed: rate_limited: HTTP 429',
    '[cdr:http] telecmi:rest-user  rate-limit wait of 250 ms before POST /v2/user/out_cdr',
    '[cdr:http] ozonetel  token wait of 60,000 ms before GET /ca_reports/fetchCDRDetails: the provider’s token issuance budget',
    '',
  ]);
  const retry = lines(json.read())[2];
  expect(retry).toMatchObject({
    level: 'debug',
    msg: 'retry',
    account: 'telecmi:rest-user',
    provider: 'telecmi',
    delayMs: 1500,
    errorCode: 'rate_limited',
    error: 'HTTP 429',
  });
});

test('an error’s fields: its typed code when it has one, its message without the stack', () => {
  const typed = Object.assign(new Error('HTTP 401'), { code: 'authentication' });
  expect(errorFields(typed)).toEqual({ errorCode: 'authentication', error: 'HTTP 401' });
  expect(errorFields(new Error('disk full'))).toEqual({ error: 'disk full' });
  expect(errorFields('a string')).toEqual({ error: 'a string' });
});
