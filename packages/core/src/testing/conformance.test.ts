import { describe, expect, test } from 'vitest';
import { runCallProviderConformance } from './conformance.js';
import { type ReferenceProviderOptions, startReferenceSession } from './reference/reference-api.js';

const capabilities = {
  listCalls: { directions: ['outbound'], statuses: ['answered'] },
  getCall: false,
} as const;

// The kit passes for a correct provider…
runCallProviderConformance(
  { describe, test },
  { name: 'reference', capabilities, start: () => startReferenceSession() },
);

// …and fails for broken ones: each defect must be caught by at least one check.
describe('the conformance kit catches defects', () => {
  const defects: NonNullable<ReferenceProviderOptions['defect']>[] = [
    'duplicates-last-call',
    'ignores-window',
    'leaks-token',
  ];
  for (const defect of defects) {
    test(defect, async () => {
      const checks: { name: string; body: () => Promise<void> }[] = [];
      runCallProviderConformance(
        { describe: (_name, body) => body(), test: (name, body) => checks.push({ name, body }) },
        { name: defect, capabilities, start: () => startReferenceSession(defect) },
      );
      const failed: string[] = [];
      for (const check of checks) {
        await check.body().catch(() => failed.push(check.name));
      }
      expect(failed.length).toBeGreaterThan(0);
    });
  }
});
