import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AuthenticationError, CdrError, InvalidRequestError } from '../../errors/index.js';
import {
  assertCall,
  assertNoSecretIn,
  assertNoSecretInTexts,
  assertProduced,
  echoOf,
  rejection,
  withProvider,
} from './assertions.js';
import type { ConformanceCheck } from './conformance-types.js';
import { echoedRequestCheck } from './echoed-request-check.js';

/** The checks of a provider that gets a call by id. */
export const lookupChecks: readonly ConformanceCheck[] = [
  {
    name: 'gets each known call by id',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        for (const id of session.knownCallIds!) {
          const call = await provider.getCall(id);
          assert.ok(call, `call ${id} is found`);
          assertCall(call, provider, session.secrets);
          assert.equal(call.id, id, 'the call is the one asked for');
        }
      }),
  },
  {
    name: 'answers null for an unknown id',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        assert.equal(await provider.getCall(session.unknownCallId!), null);
      }),
  },
  {
    name: 'refuses an empty id before sending any request',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        for (const id of ['', '   ']) {
          const error = await rejection(provider.getCall(id));
          assert.ok(
            error instanceof InvalidRequestError,
            `expected InvalidRequestError, got ${String(error)}`,
          );
        }
        assert.equal(session.requestCount(), 0);
      }),
  },
  {
    name: 'maps bad credentials to AuthenticationError, with no secret in it',
    run: (session) =>
      withProvider(session, { credentials: 'invalid' }, async (provider) => {
        const error = await rejection(provider.getCall(session.knownCallIds![0]!));
        assert.ok(
          error instanceof AuthenticationError,
          `expected AuthenticationError, got ${String(error)}`,
        );
        assertNoSecretIn(error, session.secrets);
      }),
  },
  {
    name: 'waits out rate limiting, retries transient faults, and gets the call',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.injectFault('rate-limited', 1);
        session.injectFault('server-error', 1);
        session.injectFault('connection-reset', 1);
        const id = session.knownCallIds![0]!;
        assert.equal((await provider.getCall(id))?.id, id);
        for (const kind of ['rate-limited', 'server-error', 'connection-reset'] as const)
          assertProduced(session, kind, 1);
      }),
  },
  {
    name: 'turns a malformed body into a typed error, with no secret in it',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.injectFault('malformed-json', 50);
        const error = await rejection(provider.getCall(session.knownCallIds![0]!));
        assert.ok(CdrError.isInstance(error), `expected a CdrError, got ${String(error)}`);
        assertNoSecretIn(error, session.secrets);
        assertProduced(session, 'malformed-json', 1);
      }),
  },
  echoedRequestCheck((provider, session) => provider.getCall(session.knownCallIds![0]!)),
  {
    name: 'keeps its credentials out of the Call, even when the record echoes them',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.echoInRecords(session.validSecrets.map(echoOf).join(' '));
        const call = await provider.getCall(session.knownCallIds![0]!);
        assert.ok(call, 'the call is found');
        assertNoSecretInTexts(
          [JSON.stringify(call), inspect(call, { depth: 12 })],
          session.validSecrets,
          'a Call whose record echoed a credential',
        );
      }),
  },
  {
    name: 'stops when aborted',
    run: (session) =>
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
  },
];
