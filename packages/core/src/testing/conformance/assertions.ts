import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { type Call, callSchema } from '../../call.js';
import type { CallProvider, CallWindow } from '../../call-provider.js';
import { secretForms } from '../../transport/redact.js';
import type { ConformanceProviderOptions, ConformanceSession } from './conformance-types.js';

/** The error an operation fails with; fails the check when it succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the operation to fail, but it succeeded');
}

export async function withProvider(
  session: ConformanceSession,
  options: ConformanceProviderOptions,
  body: (provider: CallProvider) => Promise<void>,
): Promise<void> {
  const provider = session.createProvider(options);
  try {
    await body(provider);
  } finally {
    await provider.close?.();
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every form of every secret: as written, JSON-escaped, percent-encoded, base64. */
function formsOf(secrets: readonly string[]): string[] {
  return [...new Set(secrets.flatMap((secret) => secretForms(secret)))];
}

/** Fails when any form of a secret shows in any of the texts. */
export function assertNoSecretInTexts(
  texts: readonly string[],
  secrets: readonly string[],
  where: string,
): void {
  for (const form of formsOf(secrets)) {
    for (const text of texts) {
      const at = text.indexOf(form);
      assert.ok(
        at === -1,
        `a secret appears in ${where}: …${text.slice(Math.max(0, at - 80), at + form.length + 40)}…`,
      );
    }
  }
}

/** Fails when a secret, in any form, shows anywhere a user could see an error: message, JSON, inspect, stack, cause. */
export function assertNoSecretIn(error: unknown, secrets: readonly string[]): void {
  const views = [
    String(error),
    inspect(error, { depth: 8, showHidden: true }),
    JSON.stringify(error) ?? '',
    (error as Error | undefined)?.stack ?? '',
  ];
  assertNoSecretInTexts(views, secrets, 'an error');
}

/** A Call is a valid Call of this provider, survives JSON, holds no secret, and sits in the window. */
export function assertCall(
  call: Call,
  provider: CallProvider,
  secrets: readonly string[],
  window?: CallWindow,
): void {
  const parsed = callSchema.safeParse(call);
  assert.ok(parsed.success, `not a valid Call: ${parsed.error?.message}`);
  assert.equal(call.provider, provider.provider, 'Call.provider names the provider family');
  assert.deepEqual(
    callSchema.parse(JSON.parse(JSON.stringify(call))),
    call,
    'a Call survives a JSON round trip',
  );
  assertNoSecretInTexts(
    [JSON.stringify(call), inspect(call, { depth: 12 })],
    secrets,
    `call ${call.id}`,
  );
  if (window) {
    const started = call.startedAt.getTime();
    assert.ok(
      started >= window.from.getTime() && started <= window.to.getTime(),
      `call ${call.id} started at ${call.startedAt.toISOString()}, outside the window`,
    );
  }
}

export function assertExactlyOnce(calls: readonly Call[], expected: readonly string[]): void {
  const ids = calls.map((call) => call.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  assert.deepEqual(duplicates, [], 'no call is yielded twice');
  assert.deepEqual([...ids].sort(), [...expected].sort(), 'every call of the window is yielded');
}

/** Asserts the simulator served at least `count` faults of a kind: an ignored fault proves nothing. */
export function assertProduced(
  session: ConformanceSession,
  kind: Parameters<ConformanceSession['injectFault']>[0],
  count: number,
): void {
  const produced = session.producedFaults().get(kind) ?? 0;
  assert.ok(
    produced >= count,
    `the simulator served ${produced} "${kind}" faults of the ${count} injected: the check proved nothing`,
  );
}

/** The text a record-echoing simulator is given: a secret as written, JSON-escaped, URL-encoded. */
export function echoOf(secret: string): string {
  return `call me: ${secret} ${JSON.stringify({ secret })} https://x.invalid/rec.mp3?key=${encodeURIComponent(secret)}`;
}

/** The session's awkward secret: one with a character that JSON escapes, or a failed check. */
export function awkwardSecret(session: ConformanceSession): string {
  const secret = session.secrets.find((candidate) => /["\\]/.test(candidate));
  assert.ok(
    secret,
    'no session secret contains " or \\: make the invalid credential awkward (e.g. `wrong"token\\\\value`) so that a redaction that misses the JSON-escaped form is caught',
  );
  return secret;
}
