import { describe, expect, test } from 'vitest';
import type { ConformanceTarget } from './conformance/conformance-types.js';
import { conformanceChecks, runCallProviderConformance } from './conformance/index.js';
import { createDefectiveProvider, type Defect, defects } from './reference/defective-provider.js';
import { startReferenceSession } from './reference/reference-api.js';
import { createReferenceProvider } from './reference/reference-provider.js';

const capabilities = {
  listCalls: { directions: ['inbound', 'outbound'], statuses: ['answered', 'missed'] },
  getCall: true,
} as const;

// The kit passes for the reference provider built on the provider kit…
runCallProviderConformance(
  { describe, test },
  {
    name: 'reference (provider kit)',
    capabilities,
    start: () => startReferenceSession(createReferenceProvider),
  },
);
// …and for the hand-written one, with no defect switched on.
runCallProviderConformance(
  { describe, test },
  {
    name: 'reference (hand-written)',
    capabilities,
    start: () =>
      startReferenceSession((connection, onEvent) =>
        createDefectiveProvider(connection, undefined, onEvent),
      ),
  },
);

/** The checks each defect must fail: the check that exists to catch it, at least. */
const caughtBy: Record<Defect, string[]> = {
  'wrong-specification': ['declares the v1 specification and its capabilities'],
  'duplicates-last-call': ['lists every call of the window exactly once across page boundaries'],
  'loses-last-page': ['lists every call of the window exactly once across page boundaries'],
  'ignores-window': ['honours the window bounds'],
  'requests-before-checking-window': ['rejects an inverted window before sending any request'],
  'accepts-any-filter': ['rejects a filter it cannot serve before sending any request'],
  'ignores-status-filter': ['lists exactly the calls of each direction and each status it serves'],
  'untyped-auth-error': ['maps bad credentials to AuthenticationError, with no secret in it'],
  'never-retries': [
    'waits out rate limiting and completes',
    'retries transient 5xx, connection resets and truncated bodies to success',
    'waits out rate limiting, retries transient faults, and gets the call',
  ],
  'untyped-malformed-error': ['turns a malformed body into a typed error, with no secret in it'],
  'redacts-raw-form-only': ['keeps credentials out of an error whose body echoes the request'],
  'leaks-token-in-calls': [
    'keeps its credentials out of every Call, even when records echo them',
    'keeps its credentials out of the Call, even when the record echoes them',
  ],
  'ignores-abort': ['stops sending requests when aborted'],
  'fetches-everything-first': ['sends no more requests when the consumer leaves the loop early'],
  'get-returns-other-call': ['gets each known call by id'],
  'get-unknown-throws': ['answers null for an unknown id'],
  'get-sends-empty-id': ['refuses an empty id before sending any request'],
  'get-ignores-abort': ['stops when aborted'],
  'fails-on-bad-record': [
    'keeps a record that cannot be trusted aside, reports it with its raw form, and lists the rest',
  ],
  'drops-bad-record-silently': [
    'keeps a record that cannot be trusted aside, reports it with its raw form, and lists the rest',
  ],
};

describe('the conformance kit catches defects', () => {
  test('every check has a defect that it catches', () => {
    const target: ConformanceTarget = { name: 'x', capabilities, start: () => Promise.reject() };
    const names = conformanceChecks(target).map(({ check }) => check.name);
    const caught = new Set(Object.values(caughtBy).flat());
    expect(names.filter((name) => !caught.has(name))).toEqual([]);
  });

  for (const defect of defects) {
    test(defect, async () => {
      const checks: { name: string; body: () => Promise<void> }[] = [];
      runCallProviderConformance(
        { describe: (_name, body) => body(), test: (name, body) => checks.push({ name, body }) },
        {
          name: defect,
          capabilities,
          start: () =>
            startReferenceSession((connection, onEvent) =>
              createDefectiveProvider(connection, defect, onEvent),
            ),
        },
      );
      const failed: string[] = [];
      for (const check of checks) await check.body().catch(() => failed.push(check.name));
      for (const name of caughtBy[defect])
        expect(failed, `${defect} fails "${name}"`).toContain(name);
    }, 60_000);
  }
});
