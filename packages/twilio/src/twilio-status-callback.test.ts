import { AuthenticationError, InvalidRequestError } from '@cdr/core';
import { afterEach, describe, expect, test } from 'vitest';
import { TwilioSimulator } from './testing/twilio-simulator.js';
import {
  computeTwilioSignature,
  parseTwilioStatusCallback,
  twilioUrlVariants,
  validateTwilioSignature,
  validateTwilioSignatureWithBody,
} from './twilio-status-callback.js';

// Known vectors: Twilio's webhook-security page (auth token 12345) and the SDKs' request
// validator tests (twilio-python / twilio-php / twilio-csharp), not computed here.
const token = '12345';
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const docsParams = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const sdkParams = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const jsonBody = '{"property": "value", "boolean": true}';
const jsonUrl = `${url}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;

describe('X-Twilio-Signature', () => {
  test('matches the published vectors', () => {
    expect(computeTwilioSignature(token, url, docsParams)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(computeTwilioSignature(token, url, sdkParams)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(computeTwilioSignature(token, jsonUrl)).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
  });

  test('sorts parameters, whatever their order (form body)', () => {
    const form = new URLSearchParams(
      'To=%2B18005551212&CallSid=CA1234567890ABCDE&Digits=1234&From=%2B12349013030&Caller=%2B12349013030',
    );
    expect(validateTwilioSignature(token, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, form)).toBe(true);
  });

  test('refuses a tampered parameter, URL, token, a missing or truncated signature', () => {
    const good = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
    expect(validateTwilioSignature(token, good, url, { ...docsParams, Digits: '9999' })).toBe(
      false,
    );
    expect(validateTwilioSignature(token, good, url.replace('bar=2', 'bar=3'), docsParams)).toBe(
      false,
    );
    expect(validateTwilioSignature('54321', good, url, docsParams)).toBe(false);
    expect(validateTwilioSignature(token, undefined, url, docsParams)).toBe(false);
    expect(validateTwilioSignature(token, '', url, docsParams)).toBe(false);
    expect(validateTwilioSignature(token, good.slice(0, -1), url, docsParams)).toBe(false);
  });

  test('accepts the URL with or without the default port', () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(twilioUrlVariants(url)).toContain(withPort);
    expect(twilioUrlVariants(withPort)).toContain(url);
    const signedWithPort = computeTwilioSignature(token, withPort, docsParams);
    expect(validateTwilioSignature(token, signedWithPort, url, docsParams)).toBe(true);
    expect(
      validateTwilioSignature(token, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', withPort, docsParams),
    ).toBe(true);
  });

  test('a URL with credentials: the default port goes after the host, not into the user info', () => {
    const withCredentials = 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2';
    const signedWithPort = 'https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(twilioUrlVariants(withCredentials)).toContain(signedWithPort);
    expect(twilioUrlVariants(withCredentials).some((variant) => variant.includes('user:443'))).toBe(
      false,
    );
    const signature = computeTwilioSignature(token, signedWithPort, docsParams);
    expect(validateTwilioSignature(token, signature, withCredentials, docsParams)).toBe(true);
  });

  test('a non-default port: signed with or without it (as the SDK accepts)', () => {
    const received = 'https://mycompany.com:8443/myapp.php?foo=1&bar=2';
    const signature = computeTwilioSignature(token, url, docsParams);
    expect(validateTwilioSignature(token, signature, received, docsParams)).toBe(true);
    expect(
      validateTwilioSignature(token, signature, received.replace(':8443', ':9443'), docsParams),
    ).toBe(true);
  });

  test('signed over the normalised URL or the legacy query encoding', () => {
    const received = "HTTPS://MyCompany.com/my app.php?name=O'Hara&city=São Paulo";
    const normalised = new URL(received).toString();
    expect(normalised).not.toBe(received);
    expect(
      validateTwilioSignature(
        token,
        computeTwilioSignature(token, normalised, docsParams),
        received,
        docsParams,
      ),
    ).toBe(true);
    const legacy = 'https://mycompany.com/my%20app.php?name=O%27Hara&city=S%C3%A3o%20Paulo';
    expect(
      validateTwilioSignature(
        token,
        computeTwilioSignature(token, legacy, docsParams),
        received,
        docsParams,
      ),
    ).toBe(true);
    expect(
      validateTwilioSignature(
        token,
        computeTwilioSignature(token, `${legacy}&x=1`, docsParams),
        received,
        docsParams,
      ),
    ).toBe(false);
  });

  test('array parameters: values de-duplicated and sorted', () => {
    expect(computeTwilioSignature(token, url, { A: ['b', 'a', 'b'] })).toBe(
      computeTwilioSignature(token, url, new URLSearchParams('A=a&A=b')),
    );
  });

  test('JSON bodies: bodySHA256 in the URL and the signature both checked', () => {
    const signature = 'a9nBmqA0ju/hNViExpshrM61xv4=';
    expect(validateTwilioSignatureWithBody(token, signature, jsonUrl, jsonBody)).toBe(true);
    expect(validateTwilioSignatureWithBody(token, signature, jsonUrl, `${jsonBody} `)).toBe(false);
    expect(validateTwilioSignatureWithBody(token, signature, url, jsonBody)).toBe(false);
    expect(validateTwilioSignatureWithBody('54321', signature, jsonUrl, jsonBody)).toBe(false);
  });

  test('JSON bodies: an upper-case bodySHA256 is refused, as the SDK does', () => {
    const upper = jsonUrl.replace(/bodySHA256=([0-9a-f]+)/, (_match, hash: string) => {
      return `bodySHA256=${hash.toUpperCase()}`;
    });
    const signature = computeTwilioSignature(token, upper);
    expect(validateTwilioSignature(token, signature, upper)).toBe(true);
    expect(validateTwilioSignatureWithBody(token, signature, upper, jsonBody)).toBe(false);
  });
});

describe('parseTwilioStatusCallback', () => {
  let simulator: TwilioSimulator | undefined;
  afterEach(async () => {
    await simulator?.stop();
    simulator = undefined;
  });
  const hook = 'https://example.com/twilio/status?account=main';

  test('reads a signed form callback, child leg included', async () => {
    simulator = await TwilioSimulator.start({
      calls: 200,
      now: Date.parse('2026-11-24T06:30:00Z'),
    });
    const child = simulator.calls().find((call) => call.record.parent_call_sid)!;
    const request = simulator.statusCallback(child.id, hook, { sequenceNumber: 3 });
    const callback = parseTwilioStatusCallback(request, { authToken: simulator.authToken });
    expect(callback).toMatchObject({
      callSid: child.id,
      accountSid: simulator.accountSid,
      parentCallSid: child.record.parent_call_sid,
      callStatus: child.record.status,
      status: child.status,
      rawDirection: 'outbound-dial',
      direction: 'outbound',
      sequenceNumber: 3,
    });
    expect(callback.timestamp).toBeInstanceOf(Date);
  });

  test('reads a signed JSON callback (bodySHA256)', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: Date.parse('2026-11-24T06:30:00Z') });
    const call = simulator.calls()[0]!;
    const request = simulator.statusCallback(call.id, hook, { json: true });
    expect(request.url).toContain('bodySHA256=');
    expect(parseTwilioStatusCallback(request, { authToken: simulator.authToken }).callSid).toBe(
      call.id,
    );
  });

  test('refuses unsigned, mis-signed and tampered pushes with an AuthenticationError', async () => {
    simulator = await TwilioSimulator.start({ calls: 50, now: Date.parse('2026-11-24T06:30:00Z') });
    const call = simulator.calls()[0]!;
    const request = simulator.statusCallback(call.id, hook);
    const authToken = simulator.authToken;
    const { 'x-twilio-signature': _dropped, ...unsigned } = request.headers;
    for (const bad of [
      { ...request, headers: unsigned },
      { ...request, headers: { ...request.headers, 'x-twilio-signature': 'AAAA' } },
      { ...request, body: request.body.replace('CallStatus=', 'CallStatus=x') },
      { ...request, url: 'https://example.com/twilio/status?account=other' },
    ]) {
      const attempt = () => parseTwilioStatusCallback(bad, { authToken });
      expect(attempt).toThrow(AuthenticationError);
    }
    expect(() => parseTwilioStatusCallback(request, { authToken: 'another-token' })).toThrow(
      AuthenticationError,
    );
    const json = simulator.statusCallback(call.id, hook, { json: true });
    expect(() =>
      parseTwilioStatusCallback(
        { ...json, body: json.body.replace('}', ',"x":"y"}') },
        { authToken },
      ),
    ).toThrow(AuthenticationError);
  });

  test('a signed request that is no status callback is an InvalidRequestError', () => {
    const body = new URLSearchParams({ Digits: '1' }).toString();
    const request = {
      method: 'POST',
      url: hook,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeTwilioSignature(token, hook, { Digits: '1' }),
      },
      body,
    };
    expect(() => parseTwilioStatusCallback(request, { authToken: token })).toThrow(
      InvalidRequestError,
    );
  });

  test('a GET callback is signed over its URL alone', () => {
    const get = `${hook}&CallSid=CA${'1'.repeat(32)}&CallStatus=busy`;
    const callback = parseTwilioStatusCallback(
      {
        method: 'GET',
        url: get,
        headers: { 'x-twilio-signature': computeTwilioSignature(token, get) },
        body: '',
      },
      { authToken: token },
    );
    expect(callback.status).toBe('busy');
  });
});
