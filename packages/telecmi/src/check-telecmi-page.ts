import type { TelecmiPage } from './telecmi-schemas.js';

// A page of records checked by hand on the listing's hot path: zod's parse copied every
// record (and each note) and was two fifths of what a listed call allocated (B3's heap
// profile), garbage that outlived scavenges and grew the heap over a million calls.
// The check only says yes to what `telecmiPageSchema` accepts (`check-telecmi-page.test.ts`
// holds it to that); whatever it doubts goes to the schema, which gives the answer and,
// for a page it refuses, the issues.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

const isOptionalCount = (value: unknown) => value === undefined || isCount(value);

const isOptionalText = (value: unknown) => value === undefined || typeof value === 'string';

const isOptionalId = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.length > 0);

const isOptionalSeconds = (value: unknown) =>
  value === undefined || (isFiniteNumber(value) && value >= 0);

const isParty = (value: unknown) => typeof value === 'string' || isFiniteNumber(value);

/** The schema's `rateValue`: a number, or a decimal written as text. */
const decimalPattern = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/;

const isOptionalRate = (value: unknown) =>
  value === undefined ||
  isFiniteNumber(value) ||
  (typeof value === 'string' && decimalPattern.test(value));

function isNote(note: unknown): boolean {
  return (
    isRecord(note) &&
    typeof note.msg === 'string' &&
    isOptionalCount(note.date) &&
    isOptionalText(note.agent)
  );
}

function isTelecmiRecord(record: unknown): boolean {
  if (!isRecord(record)) return false;
  const notes = record.notes;
  return (
    isOptionalId(record.cmiuid) &&
    isOptionalId(record._id) &&
    (record.cmiuid !== undefined || record._id !== undefined) &&
    isCount(record.time) &&
    isParty(record.from) &&
    (record.to === undefined || isParty(record.to)) &&
    isOptionalText(record.agent) &&
    isOptionalSeconds(record.duration) &&
    isOptionalSeconds(record.billedsec) &&
    isOptionalRate(record.rate) &&
    isOptionalText(record.filename) &&
    (record.record === undefined ||
      typeof record.record === 'string' ||
      typeof record.record === 'boolean') &&
    isOptionalText(record.name) &&
    isOptionalText(record.region) &&
    (notes === undefined || (Array.isArray(notes) && notes.every(isNote)))
  );
}

/**
 * The answer itself as a `TelecmiPage` (no copy: unknown fields stay in place, as the
 * schema's loose objects keep them) when it is certainly one, else `undefined`: the caller
 * then parses it with `telecmiPageSchema`.
 */
export function checkTelecmiPage(answer: unknown): TelecmiPage | undefined {
  if (!isRecord(answer)) return undefined;
  const code = answer.code;
  if (code !== undefined && typeof code !== 'string' && !isFiniteNumber(code)) return undefined;
  if (!isOptionalCount(answer.count) || !isOptionalCount(answer.total)) return undefined;
  const cdr = answer.cdr;
  if (!Array.isArray(cdr) || !cdr.every(isTelecmiRecord)) return undefined;
  return answer as TelecmiPage;
}
