import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { type Call, callSchema } from '../call.js';
import type { CallProvider, CallWindow } from '../call-provider.js';
import { CdrError } from '../errors/cdr-error.js';
import { AuthenticationError, InvalidRequestError, UnsupportedError } from '../errors/errors.js';
import type { FaultKind } from './fault-injector.js';

/** The parts of a test framework the kit needs; vitest's `describe` and `test` fit. */
export interface ConformanceTestApi {
  describe: (name: string, body: () => void) => void;
  test: (name: string, body: () => Promise<void>, timeoutMs?: number) => void;
}

export interface ConformanceProviderOptions {
  /** `invalid`: credentials the simulator refuses. Default `valid`. */
  credentials?: 'valid' | 'invalid';
}

/** One simulator, started fresh for each check, and how to build providers against it. */
export interface ConformanceSession {
  /** A provider pointed at this session's simulator, retrying fast (tests should not sleep long). */
  createProvider(options?: ConformanceProviderOptions): CallProvider;
  /** Every secret the session's providers hold, valid and invalid: none may appear in any error. */
  readonly secrets: readonly string[];
  /** Requests the simulator has received so far. */
  requestCount(): number;
  /** The next `count` requests get this fault. */
  injectFault(kind: FaultKind, count: number): void;
  stop(): Promise<void>;

  /** Listing providers: a window whose calls span several pages. */
  readonly window?: CallWindow;
  /** Listing providers: the simulator's ground truth, the ids of the calls a listing of `window` must yield. */
  expectedCallIds?(window: CallWindow): readonly string[];

  /** Lookup providers: ids the simulator holds, and one it does not. */
  readonly knownCallIds?: readonly string[];
  readonly unknownCallId?: string;
}

export interface ConformanceTarget {
  /** Names the suite, e.g. `telecmi (user token)`. */
  name: string;
  start(): Promise<ConformanceSession>;
  /** Per-check timeout. Default 30 s. */
  timeoutMs?: number;
}

async function withSession(
  target: ConformanceTarget,
  body: (session: ConformanceSession) => Promise<void>,
) {
  const session = await target.start();
  try {
    await body(session);
  } finally {
    await session.stop();
  }
}

async function withProvider(
  session: ConformanceSession,
  options: ConformanceProviderOptions,
  body: (provider: CallProvider) => Promise<void>,
) {
  const provider = session.createProvider(options);
  try {
    await body(provider);
  } finally {
    await provider.close?.();
  }
}

async function collect(calls: AsyncIterable<Call>): Promise<Call[]> {
  const result: Call[] = [];
  for await (const call of calls) result.push(call);
  return result;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the operation to fail, but it succeeded');
}

/** Fails when a secret shows anywhere a user could see an error: message, JSON, inspect, stack, cause. */
export function assertNoSecretIn(error: unknown, secrets: readonly string[]): void {
  const views = [
    String(error),
    inspect(error, { depth: 8, showHidden: true }),
    JSON.stringify(error) ?? '',
    (error as Error | undefined)?.stack ?? '',
  ];
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const view of views) {
      assert.ok(!view.includes(secret), `a secret appears in an error: ${view.slice(0, 300)}`);
    }
  }
}

function assertCall(
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
  // Records may echo credentials back (Ozonetel's CDRs carry the API key): not into a Call.
  const text = JSON.stringify(call);
  for (const secret of secrets) {
    if (secret.length > 0) assert.ok(!text.includes(secret), `a secret appears in call ${call.id}`);
  }
  if (window) {
    const started = call.startedAt.getTime();
    assert.ok(
      started >= window.from.getTime() && started <= window.to.getTime(),
      `call ${call.id} started at ${call.startedAt.toISOString()}, outside the window`,
    );
  }
}

function assertExactlyOnce(calls: readonly Call[], expected: readonly string[]): void {
  const ids = calls.map((call) => call.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  assert.deepEqual(duplicates, [], 'no call is yielded twice');
  assert.deepEqual([...ids].sort(), [...expected].sort(), 'every call of the window is yielded');
}

function listingChecks(api: ConformanceTestApi, target: ConformanceTarget, timeout: number): void {
  const listing = async (
    session: ConformanceSession,
    provider: CallProvider,
    window = session.window!,
  ) => {
    const calls = await collect(provider.listCalls(window));
    for (const call of calls) assertCall(call, provider, session.secrets, window);
    assertExactlyOnce(calls, session.expectedCallIds!(window));
    return calls;
  };

  api.test(
    'lists every call of the window exactly once across page boundaries',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          const calls = await listing(session, provider);
          assert.ok(calls.length > 1, 'the session window holds several calls');
          assert.ok(session.requestCount() > 1, 'the listing spans more than one page');
        }),
      ),
    timeout,
  );

  api.test(
    'honours the window bounds',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          const { from, to } = session.window!;
          const third = (to.getTime() - from.getTime()) / 3;
          const inner = {
            from: new Date(from.getTime() + third),
            to: new Date(to.getTime() - third),
          };
          const calls = await listing(session, provider, inner);
          const all = session.expectedCallIds!(session.window!);
          assert.ok(calls.length < all.length, 'a narrower window yields fewer calls');
        }),
      ),
    timeout,
  );

  api.test(
    'rejects an inverted window before sending any request',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          const { from, to } = session.window!;
          const error = await rejection(collect(provider.listCalls({ from: to, to: from })));
          assert.ok(
            error instanceof InvalidRequestError,
            `expected InvalidRequestError, got ${String(error)}`,
          );
          assert.equal(session.requestCount(), 0);
        }),
      ),
    timeout,
  );

  api.test(
    'rejects a filter it cannot serve before sending any request',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          const capability = provider.capabilities.listCalls;
          assert.ok(capability);
          const direction = (['inbound', 'outbound', 'unknown'] as const).find(
            (d) => !capability.directions.includes(d),
          );
          if (!direction) return;
          const error = await rejection(
            collect(provider.listCalls({ ...session.window!, direction })),
          );
          assert.ok(
            error instanceof UnsupportedError,
            `expected UnsupportedError, got ${String(error)}`,
          );
          assert.equal(session.requestCount(), 0);
        }),
      ),
    timeout,
  );

  api.test(
    'maps bad credentials to AuthenticationError, with no secret in it',
    () =>
      withSession(target, (session) =>
        withProvider(session, { credentials: 'invalid' }, async (provider) => {
          const error = await rejection(collect(provider.listCalls(session.window!)));
          assert.ok(
            error instanceof AuthenticationError,
            `expected AuthenticationError, got ${String(error)}`,
          );
          assert.equal((error as CdrError).retryable, false);
          assertNoSecretIn(error, session.secrets);
        }),
      ),
    timeout,
  );

  api.test(
    'waits out rate limiting and completes',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          session.injectFault('rate-limited', 2);
          await listing(session, provider);
        }),
      ),
    timeout,
  );

  api.test(
    'retries transient 5xx, connection resets and truncated bodies to success',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          session.injectFault('server-error', 1);
          session.injectFault('connection-reset', 1);
          session.injectFault('truncated-body', 1);
          await listing(session, provider);
        }),
      ),
    timeout,
  );

  api.test(
    'turns a malformed body into a typed error, with no secret in it',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          session.injectFault('malformed-json', 50);
          const error = await rejection(collect(provider.listCalls(session.window!)));
          assert.ok(CdrError.isInstance(error), `expected a CdrError, got ${String(error)}`);
          assert.ok(
            ['malformed_response', 'response_validation'].includes(error.code),
            `got ${error.code}`,
          );
          assertNoSecretIn(error, session.secrets);
        }),
      ),
    timeout,
  );

  api.test(
    'stops sending requests when aborted',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          const controller = new AbortController();
          const reason = new Error('stop');
          const error = await rejection(
            (async () => {
              for await (const _call of provider.listCalls({
                ...session.window!,
                signal: controller.signal,
              })) {
                controller.abort(reason);
              }
            })(),
          );
          assert.equal(error, reason, 'the listing rejects with the abort reason');
          const after = session.requestCount();
          await new Promise((resolve) => setTimeout(resolve, 100));
          assert.equal(session.requestCount(), after, 'no request is sent after the abort');
        }),
      ),
    timeout,
  );

  api.test(
    'sends no more requests when the consumer leaves the loop early',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          for await (const _call of provider.listCalls(session.window!)) break;
          const after = session.requestCount();
          await new Promise((resolve) => setTimeout(resolve, 100));
          assert.equal(session.requestCount(), after);
          const total = session.expectedCallIds!(session.window!).length;
          assert.ok(after < total, 'leaving early did not fetch everything');
        }),
      ),
    timeout,
  );
}

function lookupChecks(api: ConformanceTestApi, target: ConformanceTarget, timeout: number): void {
  api.test(
    'gets each known call by id',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          for (const id of session.knownCallIds!) {
            const call = await provider.getCall(id);
            assert.ok(call, `call ${id} is found`);
            assertCall(call, provider, session.secrets);
            assert.equal(call.id, id);
          }
        }),
      ),
    timeout,
  );

  api.test(
    'answers null for an unknown id',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          assert.equal(await provider.getCall(session.unknownCallId!), null);
        }),
      ),
    timeout,
  );

  api.test(
    'maps bad credentials to AuthenticationError, with no secret in it',
    () =>
      withSession(target, (session) =>
        withProvider(session, { credentials: 'invalid' }, async (provider) => {
          const error = await rejection(provider.getCall(session.knownCallIds![0]!));
          assert.ok(
            error instanceof AuthenticationError,
            `expected AuthenticationError, got ${String(error)}`,
          );
          assertNoSecretIn(error, session.secrets);
        }),
      ),
    timeout,
  );

  api.test(
    'waits out rate limiting, retries transient faults, and gets the call',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          session.injectFault('rate-limited', 1);
          session.injectFault('server-error', 1);
          session.injectFault('connection-reset', 1);
          const id = session.knownCallIds![0]!;
          assert.equal((await provider.getCall(id))?.id, id);
        }),
      ),
    timeout,
  );

  api.test(
    'turns a malformed body into a typed error, with no secret in it',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          session.injectFault('malformed-json', 50);
          const error = await rejection(provider.getCall(session.knownCallIds![0]!));
          assert.ok(CdrError.isInstance(error), `expected a CdrError, got ${String(error)}`);
          assertNoSecretIn(error, session.secrets);
        }),
      ),
    timeout,
  );

  api.test(
    'stops when aborted',
    () =>
      withSession(target, (session) =>
        withProvider(session, {}, async (provider) => {
          const controller = new AbortController();
          const reason = new Error('stop');
          controller.abort(reason);
          const error = await rejection(
            provider.getCall(session.knownCallIds![0]!, { signal: controller.signal }),
          );
          assert.equal(error, reason);
          assert.equal(session.requestCount(), 0);
        }),
      ),
    timeout,
  );
}

/**
 * Registers the contract's checks for one provider with the caller's test framework:
 *
 * ```ts
 * import { describe, test } from 'vitest';
 * runCallProviderConformance({ describe, test }, { name: 'acme', start: startAcmeSession });
 * ```
 *
 * Which checks apply follows the provider's declared capabilities, read from a provider
 * built once up front: listing checks when it can list, lookup checks when it can get.
 */
export function runCallProviderConformance(
  api: ConformanceTestApi,
  target: ConformanceTarget & { capabilities: CallProvider['capabilities'] },
): void {
  const timeout = target.timeoutMs ?? 30_000;
  api.describe(`CallProvider conformance: ${target.name}`, () => {
    api.test(
      'declares the v1 specification',
      () =>
        withSession(target, (session) =>
          withProvider(session, {}, async (provider) => {
            assert.equal(provider.specificationVersion, 'v1');
            assert.deepEqual(provider.capabilities, target.capabilities);
            if (!provider.capabilities.listCalls) {
              const error = await rejection(
                collect(provider.listCalls({ from: new Date(0), to: new Date() })),
              );
              assert.ok(
                error instanceof UnsupportedError,
                `expected UnsupportedError, got ${String(error)}`,
              );
              assert.equal(session.requestCount(), 0);
            }
          }),
        ),
      timeout,
    );
    if (target.capabilities.listCalls) listingChecks(api, target, timeout);
    if (target.capabilities.getCall) lookupChecks(api, target, timeout);
  });
}
