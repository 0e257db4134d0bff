import type { Call } from '../call.js';

export interface RecordProblem {
  /** The record's id, when it could be read. */
  id?: string | undefined;
  /** What is wrong, field by field: paths name fields, never values (a record may echo a secret). */
  issues: readonly { path: string; message: string }[];
}

// The stand-ins a source returned for records it could not map, and why. A WeakMap rather
// than a field: a stand-in is an ordinary Call to every type on the way to the kit's loop.
const problems = new WeakMap<Call, RecordProblem>();

/**
 * A stand-in for a record a source received but cannot turn into a Call (it fails the
 * record's schema, say): returned among the page's calls, it keeps the record counted as
 * received (a stated total still adds up) and reaches the kit's listing loop, which keeps
 * it out of the listing and reports it as `record-rejected` with `raw`. The rest of the page
 * and of the window goes on.
 */
export function unreadableRecord(provider: string, raw: unknown, problem: RecordProblem): Call {
  const standIn: Call = {
    id: problem.id ?? '',
    provider,
    direction: 'unknown',
    status: 'unknown',
    startedAt: new Date(Number.NaN),
    durations: {},
    notes: [],
    raw,
  };
  problems.set(standIn, problem);
  return standIn;
}

/** Why `call` is a stand-in for an unreadable record, or `undefined` for a real Call. */
export function unreadableRecordProblem(call: Call): RecordProblem | undefined {
  return problems.get(call);
}
