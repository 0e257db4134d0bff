// B15's measured process: imports one module, fresh, and prints how long the import took
// and whether anything from undici was loaded. `node b15-child.ts <specifier> [trace]`:
// with `trace`, every module resolved is recorded (a hook that slows the import, so the
// traced run is not the timed one), and a Twilio status callback is parsed when the
// specifier is `@cdr/twilio/push`, to show that parsing loads no HTTP client either.
import { registerHooks } from 'node:module';

const [specifier, mode] = process.argv.slice(2);
if (!specifier) throw new Error('usage: b15-child.ts <specifier> [trace]');
const loaded: string[] = [];
if (mode === 'trace')
  registerHooks({
    resolve(request, context, next) {
      const resolved = next(request, context);
      loaded.push(resolved.url);
      return resolved;
    },
  });

const started = performance.now();
const module = (await import(specifier)) as Record<string, unknown>;
const ms = performance.now() - started;

if (mode === 'trace' && specifier === '@cdr/twilio/push') {
  const push = module as typeof import('@cdr/twilio/push');
  const authToken = 'b15-auth-token-0123456789abcdef';
  const url = 'https://example.test/twilio/status';
  const params = { CallSid: `CA${'0'.repeat(32)}`, CallStatus: 'completed', From: '+15551234567' };
  const signature = push.computeTwilioSignature(authToken, url, params);
  const callback = push.parseTwilioStatusCallback(
    {
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
      },
      body: new URLSearchParams(params).toString(),
    },
    { authToken },
  );
  if (callback.callStatus !== 'completed') throw new Error('the callback was not parsed');
}
const undici = loaded.filter((url) => /\/node_modules\/undici\//.test(url)).length;
process.stdout.write(`${JSON.stringify({ ms, undici })}\n`);
