import type { TwilioCall } from './twilio-schemas.js';

/** What is wrong with one field of a record: its path inside the record and why. */
export interface TwilioRecordIssue {
  path: string;
  message: string;
}

// The text fields `twilioCallSchema` reads (each a string, null or absent), checked by hand
// on the listing's hot path: zod's parse of a 1,000-record page copied every record and cost
// more than the mapping itself (B14's profile). Same strictness as the schema, which
// `check-twilio-call.test.ts` holds it to.
const textFields = [
  'account_sid',
  'parent_call_sid',
  'from',
  'to',
  'direction',
  'status',
  'start_time',
  'end_time',
  'date_created',
  'duration',
  'price',
  'price_unit',
  'answered_by',
  'forwarded_from',
  'caller_name',
  'phone_number_sid',
  'group_sid',
  'trunk_sid',
  'queue_time',
] as const;

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

const isText = (value: unknown) =>
  value === undefined || value === null || typeof value === 'string';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A received call record as the `TwilioCall` the mapping reads, the record itself (no
 * copy: unknown fields are left in place and never read), or the issues that keep it from
 * being one, each path relative to the record.
 */
export function checkTwilioCall(
  record: unknown,
): { call: TwilioCall; issues?: undefined } | { call?: undefined; issues: TwilioRecordIssue[] } {
  if (!isRecord(record))
    return { issues: [{ path: '', message: `expected an object, received ${kind(record)}` }] };
  const issues: TwilioRecordIssue[] = [];
  const issue = (path: string, message: string) => {
    issues.push({ path, message });
  };
  const sid = record.sid;
  if (typeof sid !== 'string') issue('sid', `expected a string, received ${kind(sid)}`);
  else if (sid.length === 0) issue('sid', 'expected a non-empty string');
  for (const field of textFields) {
    const value = record[field];
    if (!isText(value)) issue(field, `expected a string or null, received ${kind(value)}`);
  }
  const uris = record.subresource_uris;
  if (uris !== undefined && uris !== null) {
    if (!isRecord(uris))
      issue('subresource_uris', `expected an object or null, received ${kind(uris)}`);
    else if (!isText(uris.recordings))
      issue(
        'subresource_uris.recordings',
        `expected a string or null, received ${kind(uris.recordings)}`,
      );
  }
  return issues.length > 0 ? { issues } : { call: record as TwilioCall };
}
