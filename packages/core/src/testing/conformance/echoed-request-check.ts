import assert from 'node:assert/strict';
import type { CallProvider } from '../../call-provider.js';
import { CdrError } from '../../errors/index.js';
import {
  assertNoSecretIn,
  assertProduced,
  awkwardSecret,
  rejection,
  withProvider,
} from './assertions.js';
import type { ConformanceCheck, ConformanceSession } from './conformance-types.js';

/**
 * A server that answers 500 with the whole request quoted as JSON — URL, headers, body —
 * hands back every credential the request carried, JSON-escaped: none may reach the error.
 * The session's awkward secret (with `"` or `\`) makes a redaction of the raw form alone fail.
 */
export function echoedRequestCheck(
  operation: (provider: CallProvider, session: ConformanceSession) => Promise<unknown>,
): ConformanceCheck {
  return {
    name: 'keeps credentials out of an error whose body echoes the request',
    run: async (session) => {
      const awkward = awkwardSecret(session);
      await withProvider(session, { credentials: 'invalid' }, async (provider) => {
        session.injectFault('echo-request', 50);
        const error = await rejection(operation(provider, session));
        assert.ok(CdrError.isInstance(error), `expected a CdrError, got ${String(error)}`);
        assertNoSecretIn(error, [...session.secrets, awkward]);
        assertProduced(session, 'echo-request', 1);
      });
    },
  };
}
