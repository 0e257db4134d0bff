import assert from 'node:assert/strict';
import { UnsupportedError } from '../../errors/index.js';
import { collect } from '../collect.js';
import { rejection, withProvider } from './assertions.js';
import type {
  ConformanceCheck,
  ConformanceSession,
  ConformanceTarget,
  ConformanceTestApi,
} from './conformance-types.js';
import { listingChecks } from './listing-checks.js';
import { lookupChecks } from './lookup-checks.js';

const contractCheck: ConformanceCheck = {
  name: 'declares the v1 specification and its capabilities',
  run: (session, target) =>
    withProvider(session, {}, async (provider) => {
      assert.equal(provider.specificationVersion, 'v1');
      assert.ok(provider.provider && provider.name, 'names its family and its instance');
      assert.deepEqual(provider.capabilities, target.capabilities);
      if (!provider.capabilities.listCalls) {
        const error = await rejection(
          collect(provider.listCalls({ from: new Date(0), to: new Date(1) })),
        );
        assert.ok(
          error instanceof UnsupportedError,
          `expected UnsupportedError, got ${String(error)}`,
        );
      }
      if (!provider.capabilities.getCall) {
        const error = await rejection(provider.getCall('1'));
        assert.ok(
          error instanceof UnsupportedError,
          `expected UnsupportedError, got ${String(error)}`,
        );
      }
      assert.equal(session.requestCount(), 0, 'an unsupported method sends nothing');
    }),
};

/** Every check, with the reason it does not apply to the target (if it does not). */
export function conformanceChecks(
  target: ConformanceTarget,
): { check: ConformanceCheck; skipReason: string | undefined }[] {
  const groups: [readonly ConformanceCheck[], string | undefined][] = [
    [[contractCheck], undefined],
    [listingChecks, target.capabilities.listCalls ? undefined : 'it cannot list calls'],
    [lookupChecks, target.capabilities.getCall ? undefined : 'it cannot get a call by id'],
  ];
  return groups.flatMap(([checks, groupReason]) =>
    checks.map((check) => ({ check, skipReason: groupReason ?? check.skipReason?.(target) })),
  );
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

/**
 * Registers the contract's checks for one provider with the caller's test framework:
 *
 * ```ts
 * import { describe, test } from 'vitest';
 * runCallProviderConformance({ describe, test }, { name: 'acme', capabilities, start });
 * ```
 *
 * Which checks apply follows the declared capabilities; a check that does not apply is
 * registered as skipped, with its reason in its name, so the report shows what was not
 * exercised. Each check starts a fresh session.
 */
export function runCallProviderConformance(
  api: ConformanceTestApi,
  target: ConformanceTarget,
): void {
  const timeout = target.timeoutMs ?? 30_000;
  api.describe(`CallProvider conformance: ${target.name}`, () => {
    for (const { check, skipReason } of conformanceChecks(target)) {
      if (skipReason !== undefined) {
        const name = `${check.name} (skipped: ${skipReason})`;
        if (api.test.skip) api.test.skip(name, async () => undefined);
        else api.test(name, async () => undefined, timeout);
        continue;
      }
      api.test(
        check.name,
        () => withSession(target, (session) => check.run(session, target)),
        timeout,
      );
    }
  });
}
