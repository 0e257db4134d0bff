import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { type CallDirection, type CallStatus, callDirections, callStatuses } from '../../call.js';
import type { CallProvider, CallWindow } from '../../call-provider.js';
import {
  AuthenticationError,
  CdrError,
  InvalidRequestError,
  UnsupportedError,
} from '../../errors/index.js';
import type { TransportEvent } from '../../transport/transport-event.js';
import { collect } from '../collect.js';
import { settledCount } from '../settled-count.js';
import {
  assertCall,
  assertExactlyOnce,
  assertNoSecretIn,
  assertNoSecretInTexts,
  assertProduced,
  echoOf,
  pause,
  rejection,
  withProvider,
} from './assertions.js';
import type {
  ConformanceCheck,
  ConformanceSession,
  ConformanceTarget,
} from './conformance-types.js';
import { echoedRequestCheck } from './echoed-request-check.js';

function listing(target: ConformanceTarget) {
  const capability = target.capabilities.listCalls;
  return capability === false ? undefined : capability;
}

async function listWindow(
  session: ConformanceSession,
  provider: CallProvider,
  window: CallWindow = session.window!,
  filter: { direction?: CallDirection; status?: CallStatus } = {},
) {
  const calls = await collect(provider.listCalls({ ...window, ...filter }));
  for (const call of calls) assertCall(call, provider, session.secrets, window);
  assertExactlyOnce(calls, session.expectedCallIds!(window, filter));
  return calls;
}

/** The checks of a provider that lists calls by window. */
export const listingChecks: readonly ConformanceCheck[] = [
  {
    name: 'lists every call of the window exactly once across page boundaries',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        const calls = await listWindow(session, provider);
        assert.ok(calls.length > 1, 'the session window holds several calls');
        assert.ok(session.requestCount() > 1, 'the listing spans more than one page');
      }),
  },
  {
    name: 'keeps a record that cannot be trusted aside, reports it with its raw form, and lists the rest',
    run: async (session) => {
      assert.ok(
        session.corruptRecord,
        'the session offers no corruptRecord(): the simulator must be able to serve a record that cannot be trusted',
      );
      const id = session.corruptRecord();
      const events: TransportEvent[] = [];
      await withProvider(session, { onEvent: (event) => events.push(event) }, async (provider) => {
        const calls = await collect(provider.listCalls(session.window!));
        const expected = session.expectedCallIds!(session.window!).filter((each) => each !== id);
        for (const call of calls) assertCall(call, provider, session.secrets, session.window!);
        assertExactlyOnce(calls, expected);
        const rejected = events.filter((event) => event.type === 'record-rejected');
        assert.deepEqual(
          rejected.map((event) => event.id),
          [id],
          `expected one record-rejected event, for call ${id}`,
        );
        const [event] = rejected;
        assert.ok(
          event?.type === 'record-rejected' && event.raw !== undefined && event.issues.length > 0,
          'the event carries the record as received and what is wrong with it',
        );
        assertNoSecretIn(event, session.validSecrets);
      });
    },
  },
  {
    name: 'honours the window bounds',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        const { from, to } = session.window!;
        const third = (to.getTime() - from.getTime()) / 3;
        const inner = {
          from: new Date(from.getTime() + third),
          to: new Date(to.getTime() - third),
        };
        const calls = await listWindow(session, provider, inner);
        const all = session.expectedCallIds!(session.window!);
        assert.ok(calls.length < all.length, 'a narrower window yields fewer calls');
      }),
  },
  {
    name: 'rejects an inverted window before sending any request',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        const { from, to } = session.window!;
        for (const window of [
          { from: to, to: from },
          { from: new Date(Number.NaN), to },
        ]) {
          const error = await rejection(collect(provider.listCalls(window)));
          assert.ok(
            error instanceof InvalidRequestError,
            `expected InvalidRequestError, got ${String(error)}`,
          );
        }
        assert.equal(session.requestCount(), 0);
      }),
  },
  {
    name: 'rejects a filter it cannot serve before sending any request',
    skipReason: (target) => {
      const capability = listing(target)!;
      return capability.directions.length === callDirections.length &&
        capability.statuses.length === callStatuses.length
        ? 'it serves every direction and status: there is no filter to refuse'
        : undefined;
    },
    run: (session, target) =>
      withProvider(session, {}, async (provider) => {
        const capability = listing(target)!;
        const refused = [
          ...callDirections
            .filter((direction) => !capability.directions.includes(direction))
            .map((direction) => ({ direction })),
          ...callStatuses
            .filter((status) => !capability.statuses.includes(status))
            .map((status) => ({ status })),
        ];
        for (const filter of refused) {
          const error = await rejection(
            collect(provider.listCalls({ ...session.window!, ...filter })),
          );
          assert.ok(
            error instanceof UnsupportedError,
            `${JSON.stringify(filter)}: expected UnsupportedError, got ${String(error)}`,
          );
        }
        assert.equal(session.requestCount(), 0);
      }),
  },
  {
    name: 'lists exactly the calls of each direction and each status it serves',
    run: (session, target) =>
      withProvider(session, {}, async (provider) => {
        const capability = listing(target)!;
        const all = session.expectedCallIds!(session.window!);
        for (const [key, values] of [
          ['direction', capability.directions],
          ['status', capability.statuses],
        ] as const) {
          const seen = new Set<string>();
          for (const value of values) {
            const calls = await listWindow(session, provider, session.window!, { [key]: value });
            for (const call of calls) {
              assert.equal(
                call[key],
                value,
                `a ${key} filter of ${value} yields only ${value} calls`,
              );
              seen.add(call.id);
            }
          }
          assert.equal(seen.size, all.length, `every call of the window has a ${key} it serves`);
        }
      }),
  },
  {
    name: 'maps bad credentials to AuthenticationError, with no secret in it',
    run: (session) =>
      withProvider(session, { credentials: 'invalid' }, async (provider) => {
        const error = await rejection(collect(provider.listCalls(session.window!)));
        assert.ok(
          error instanceof AuthenticationError,
          `expected AuthenticationError, got ${String(error)}`,
        );
        assert.equal((error as CdrError).retryable, false);
        assertNoSecretIn(error, session.secrets);
      }),
  },
  {
    name: 'waits out rate limiting and completes',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.injectFault('rate-limited', 2);
        await listWindow(session, provider);
        assertProduced(session, 'rate-limited', 2);
      }),
  },
  {
    name: 'retries transient 5xx, connection resets and truncated bodies to success',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.injectFault('server-error', 1);
        session.injectFault('connection-reset', 1);
        session.injectFault('truncated-body', 1);
        await listWindow(session, provider);
        for (const kind of ['server-error', 'connection-reset', 'truncated-body'] as const)
          assertProduced(session, kind, 1);
      }),
  },
  {
    name: 'turns a malformed body into a typed error, with no secret in it',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.injectFault('malformed-json', 50);
        const error = await rejection(collect(provider.listCalls(session.window!)));
        assert.ok(CdrError.isInstance(error), `expected a CdrError, got ${String(error)}`);
        assert.ok(
          ['malformed_response', 'response_validation'].includes(error.code),
          `got ${error.code}`,
        );
        assertNoSecretIn(error, session.secrets);
        assertProduced(session, 'malformed-json', 1);
      }),
  },
  echoedRequestCheck((provider, session) => collect(provider.listCalls(session.window!))),
  {
    name: 'keeps its credentials out of every Call, even when records echo them',
    run: (session) =>
      withProvider(session, {}, async (provider) => {
        session.echoInRecords(session.validSecrets.map(echoOf).join(' '));
        const calls = await collect(provider.listCalls(session.window!));
        assert.ok(calls.length > 0, 'the window holds calls');
        assertNoSecretInTexts(
          calls.map((call) => `${JSON.stringify(call)}\n${inspect(call, { depth: 12 })}`),
          session.validSecrets,
          'a Call whose record echoed a credential',
        );
      }),
  },
  {
    name: 'stops sending requests when aborted',
    run: (session) =>
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
        await assertRequestsStopped(session);
      }),
  },
  {
    name: 'sends no more requests when the consumer leaves the loop early',
    run: async (session) => {
      await withProvider(session, {}, async (provider) => {
        await collect(provider.listCalls(session.window!));
      });
      const whole = session.requestCount();
      await withProvider(session, {}, async (provider) => {
        for await (const _call of provider.listCalls(session.window!)) break;
        await assertRequestsStopped(session);
      });
      const early = session.requestCount() - whole;
      assert.ok(
        early < whole,
        `leaving at the first call took ${early} requests, as many as the whole listing (${whole})`,
      );
    },
  },
];

/**
 * Requests already on their way when a listing stops may still arrive; once they have (the
 * count stands still), no more may come.
 */
async function assertRequestsStopped(session: ConformanceSession): Promise<void> {
  const settled = await settledCount(() => session.requestCount());
  await pause(200);
  assert.equal(session.requestCount(), settled, 'no request is sent after the listing stopped');
}
