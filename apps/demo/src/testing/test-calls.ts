// Test support (not shipped): calls and database files for tests that need nothing else.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Call, parseCall } from '@cdr/core';

export function temporaryDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'cdr-demo-')), 'calls.sqlite');
}

/** A valid Call with test defaults; overrides replace whole fields. */
export function makeCall(overrides: Partial<Call> & Pick<Call, 'id'>): Call {
  return parseCall({
    provider: 'telecmi',
    direction: 'outbound',
    status: 'answered',
    startedAt: new Date('2026-11-20T10:00:00Z'),
    durations: { totalSeconds: 60, billedSeconds: 60 },
    notes: [],
    raw: {},
    ...overrides,
  });
}
