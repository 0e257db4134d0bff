import {
  type Call,
  type CallDirection,
  type CallParty,
  type CallStatus,
  INDIA_TIME_ZONE,
  parseZonedDateTime,
  ResponseValidationError,
} from '@cdr/core';
import { type PhoneNormalizer, parseHmsDuration } from '@cdr/core/provider-utils';
import type { OzonetelRecord } from './ozonetel-schemas.js';

/** `""` and `"None"` are how Ozonetel writes "absent". */
function present(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' || text === 'None' ? undefined : text;
}

const outboundTypes = new Set([
  'manual',
  'progressive',
  'predictive',
  'preview',
  'outbound',
  'ivr outbound',
]);

export function mapOzonetelDirection(type: string | undefined): CallDirection {
  const value = present(type)?.toLowerCase();
  if (value === undefined) return 'unknown';
  if (value === 'inbound') return 'inbound';
  return outboundTypes.has(value) ? 'outbound' : 'unknown';
}

const missedWords = new Set([
  'unanswered',
  'notanswered',
  'not answered',
  'no answer',
  'noanswer',
  'no_answer',
  'missed',
  'abandoned',
]);
const failedWords = new Set([
  'failed',
  'failure',
  'congestion',
  'chanunavail',
  'invalid number',
  'rejected',
]);

/** `Status` says answered or not; `DialStatus` and the leg statuses say why not. */
export function mapOzonetelStatus(
  record: Pick<OzonetelRecord, 'Status' | 'DialStatus' | 'CustomerStatus' | 'AgentStatus'>,
): CallStatus {
  const words = [record.Status, record.DialStatus, record.CustomerStatus]
    .map((value) => present(value)?.toLowerCase())
    .filter((value): value is string => value !== undefined);
  if (words[0] === 'answered') return 'answered';
  if (words.some((word) => word.includes('busy'))) return 'busy';
  if (words.some((word) => failedWords.has(word))) return 'failed';
  if (words.some((word) => missedWords.has(word))) return 'missed';
  if (words.includes('answered')) return 'answered';
  return 'unknown';
}

/** Fields with no place in the Call model, kept as typed provider fields. */
const providerFieldNames = [
  'Disposition',
  'Comments',
  'HangupBy',
  'CampaignName',
  'Skill',
  'TransferType',
  'TransferredTo',
  'UUI',
  'Location',
  'FallBackRule',
  'PhoneName',
] as const;

export type OzonetelProviderField = (typeof providerFieldNames)[number];

const apiKeyFields = new Set(['Apikey', 'apiKey', 'APIKey', 'ApiKey']);

/** CDRs (lookups and pushes alike) carry the account's API key: `raw` keeps everything else. */
function withoutApiKey(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  if (!Object.keys(raw).some((key) => apiKeyFields.has(key))) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !apiKeyFields.has(key)));
}

/**
 * A validated Ozonetel CDR → a Call. Times are IST wall times; durations `HH:MM:SS`.
 * The customer is `CallerID` (inbound: the caller; outbound: the number dialled when
 * `DialedNumber` is absent); the account's number is `Did`.
 */
export function mapOzonetelCall(
  record: OzonetelRecord,
  normalize: PhoneNormalizer,
  /** The record as received, kept as `raw` (less the API key); the validated record holds only the mapped fields. */
  raw: unknown = record,
): Call | string {
  const startedAt = parseZonedDateTime(record.StartTime, INDIA_TIME_ZONE);
  if (!startedAt) return 'StartTime';
  const direction = mapOzonetelDirection(record.Type);
  const customer = present(record.CallerID);
  const dialed = present(record.DialedNumber);
  const did = present(record.Did) ?? present(record.dId);
  const party = (value: string | undefined): CallParty | undefined =>
    value === undefined ? undefined : normalize(value);

  const call: Call = {
    id: record.monitorUCID,
    provider: 'ozonetel',
    direction,
    status: mapOzonetelStatus(record),
    startedAt,
    durations: {},
    notes: [],
    raw: withoutApiKey(raw),
  };
  const from = direction === 'outbound' ? party(did) : party(customer);
  const to = direction === 'outbound' ? party(dialed ?? customer) : party(did);
  if (from) call.from = from;
  if (to) call.to = to;

  const ended = present(record.EndTime);
  if (ended) {
    const endedAt = parseZonedDateTime(ended, INDIA_TIME_ZONE);
    if (!endedAt) return 'EndTime';
    call.endedAt = endedAt;
  }
  const durations = [
    ['TimeToAnswer', 'ringSeconds'],
    ['CallDuration', 'totalSeconds'],
    ['Duration', 'talkSeconds'],
  ] as const;
  for (const [field, target] of durations) {
    const value = present(record[field]);
    if (value === undefined) continue;
    const seconds = parseHmsDuration(value);
    if (seconds === undefined) return field;
    call.durations[target] = seconds;
  }

  const agentId = present(record.AgentID);
  const agentName = present(record.AgentName);
  const agentPhone = present(record.AgentPhoneNumber);
  if (agentId || agentName || agentPhone) {
    call.agent = {};
    if (agentId) call.agent.id = agentId;
    if (agentName) call.agent.name = agentName;
    if (agentPhone) call.agent.phone = normalize(agentPhone);
  }
  const audio = present(record.AudioFile);
  if (audio) call.recording = { url: audio };

  const fields: Record<string, string> = {};
  for (const name of providerFieldNames) {
    const value = present(record[name] as string | undefined);
    if (value !== undefined) fields[name] = value;
  }
  if (Object.keys(fields).length > 0) call.providerFields = fields;
  return call;
}

/**
 * The error for a record the schema accepted but the mapping cannot read (a `StartTime`
 * that is not a date, say): `field` as `mapOzonetelCall` returned it, `at` where the record
 * sits in the answer (`message[0]`), if anywhere.
 */
export function unreadableFieldError(
  field: string,
  context: { endpoint: string; instance?: string | undefined; at?: string },
): ResponseValidationError {
  const path = context.at ? `${context.at}.${field}` : field;
  // Named, never quoted: a record may echo a credential in any field.
  const expected = /Time$/.test(field) ? 'a YYYY-MM-DD HH:mm:ss time' : 'an HH:MM:SS duration';
  return new ResponseValidationError({
    provider: 'ozonetel',
    instance: context.instance,
    endpoint: context.endpoint,
    issues: [{ path, message: `expected ${expected}` }],
    message: `unexpected response shape at ${path}: expected ${expected}`,
  });
}
