import type { Call } from '../../call.js';
import type { PhoneNormalizer } from '../../phone.js';
import type { ReferenceRecord } from './reference-api.js';

/** A reference record → a Call; the raw record is kept as received. */
export function mapReferenceCall(record: ReferenceRecord, phone?: PhoneNormalizer): Call {
  const call: Call = {
    id: record.id,
    provider: 'reference',
    direction: record.direction,
    status: record.status,
    startedAt: new Date(record.start),
    durations: {},
    notes: record.note ? [{ text: record.note }] : [],
    raw: record,
  };
  if (phone) call.to = phone('+919876543210', record.name);
  if (record.recording) call.recording = { url: record.recording };
  return call;
}
