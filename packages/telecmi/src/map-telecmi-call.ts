import type { Call, CallNote, PhoneNormalizer } from '@cdr/core';
import { parseMoneyAmount } from '@cdr/core';
import type { TelecmiEndpoint } from './telecmi-endpoints.js';
import type { TelecmiRecord } from './telecmi-schemas.js';

const countryPattern = /^[A-Z]{2}$/;

/**
 * One validated TeleCMI record → a Call. The record has passed `telecmiRecordSchema`, so
 * every value used here has the type the mapping needs.
 */
export function mapTelecmiCall(
  record: TelecmiRecord,
  endpoint: TelecmiEndpoint,
  normalize: PhoneNormalizer,
): Call {
  const startedAt = new Date(record.time);
  // TeleCMI's `name` is the contact name of the number called ("unknown" when it has none).
  const contactName = record.name && record.name !== 'unknown' ? record.name : undefined;
  const from = normalize(record.from);
  const to = record.to === undefined ? undefined : normalize(record.to, contactName);

  const call: Call = {
    id: (record.cmiuid ?? record._id)!,
    provider: 'telecmi',
    direction: endpoint.direction,
    status: endpoint.status,
    from,
    startedAt,
    durations: {},
    notes: record.notes?.map(toNote) ?? [],
    raw: record,
  };
  if (to) call.to = to;
  // An agent or user id in `from` (`103_1111113`) is who placed the call.
  if (from.kind === 'identifier') call.agent = { id: from.raw };
  if (record.duration !== undefined) {
    call.durations.totalSeconds = record.duration;
    call.endedAt = new Date(record.time + record.duration * 1000);
  }
  if (record.billedsec !== undefined) call.durations.billedSeconds = record.billedsec;
  if (record.rate !== undefined) call.cost = { amount: parseMoneyAmount(record.rate)! };
  if (record.filename) call.recording = { fileName: record.filename };
  if (record.region && countryPattern.test(record.region)) call.country = record.region;
  return call;
}

function toNote(note: NonNullable<TelecmiRecord['notes']>[number]): CallNote {
  const result: CallNote = { text: note.msg };
  if (note.date !== undefined) result.createdAt = new Date(note.date);
  if (note.agent) result.author = note.agent;
  return result;
}
