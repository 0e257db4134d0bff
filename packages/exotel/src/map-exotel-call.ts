import {
  type Call,
  type CallDirection,
  type CallStatus,
  InvalidRequestError,
  parseZonedDateTime,
  ResponseValidationError,
} from '@cdr/core';
import {
  type CountryCode,
  createPhoneNormalizer,
  formatIssuePath,
  type PhoneNormalizer,
  parseMoneyAmount,
  parseWholeSeconds,
} from '@cdr/core/provider-utils';
import {
  type ExotelCallRecord,
  type ExotelStatusCallback,
  exotelStatusCallbackSchema,
} from './exotel-schemas.js';

/** How records are read: the zone of Exotel's naive times, and the billing currency. */
export interface ExotelMappingOptions {
  /** IANA zone of `DateCreated`, `StartTime`, `EndTime` (undocumented; default `Asia/Kolkata`). */
  timeZone: string;
  /** ISO 4217 code of `Price` (Exotel sends none): the account's billing currency, when known. */
  currency?: string | undefined;
  /** Names the instance in errors. */
  instance?: string | undefined;
  endpoint?: string | undefined;
}

/** Exotel's `Direction` → a Call's: `outbound-dial` (dashboard) and `outbound-api` are both outbound. */
export function exotelDirection(value: string | null | undefined): CallDirection {
  if (value === 'inbound') return 'inbound';
  if (value === 'outbound-dial' || value === 'outbound-api') return 'outbound';
  return 'unknown';
}

/** Exotel's `Status` → a Call's; in-flight values (`queued`, `ringing`, `in-progress`) are `unknown`. */
export function exotelStatus(value: string | null | undefined): CallStatus {
  switch (value) {
    case 'completed':
      return 'answered';
    case 'no-answer':
    case 'canceled':
      return 'missed';
    case 'busy':
      return 'busy';
    case 'failed':
      return 'failed';
    default:
      return 'unknown';
  }
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/**
 * Whole seconds; `undefined` when Exotel sent none, `NaN` when it sent something else
 * (`"0x10"`, `"-5"`, `"1e1"`), for the kit's check to name: a record that cannot be trusted
 * is refused whole, not kept with a field quietly dropped.
 */
function seconds(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return parseWholeSeconds(value) ?? Number.NaN;
}

interface CommonFields {
  id: string;
  created: string | null | undefined;
  direction: string | null | undefined;
  status: string | null | undefined;
  from: string | null | undefined;
  to: string | null | undefined;
  startTime: string | null | undefined;
  endTime: string | null | undefined;
  recordingUrl: string | null | undefined;
  talkSeconds: number | string | null | undefined;
  extra: Record<string, string | null | undefined>;
}

function buildCall(
  fields: CommonFields,
  normalize: PhoneNormalizer,
  options: ExotelMappingOptions,
  raw: unknown,
  createdPath: string,
): Call {
  const startedAt = present(fields.created)
    ? parseZonedDateTime(fields.created, options.timeZone)
    : undefined;
  if (!startedAt) {
    throw new ResponseValidationError({
      provider: 'exotel',
      instance: options.instance,
      endpoint: options.endpoint,
      issues: [{ path: createdPath, message: 'expected a date-time like 2019-12-03 10:48:33' }],
      message: `Exotel call ${fields.id}: ${createdPath} is not a date-time`,
    });
  }
  const providerFields: Record<string, string> = {};
  const keep = (name: string, value: string | null | undefined) => {
    if (present(value)) providerFields[name] = value;
  };
  keep('Direction', fields.direction);
  keep('Status', fields.status);
  keep('StartTime', fields.startTime);
  keep('EndTime', fields.endTime);
  for (const [name, value] of Object.entries(fields.extra)) keep(name, value);

  const direction = exotelDirection(fields.direction);
  const call: Call = {
    id: fields.id,
    provider: 'exotel',
    direction,
    status: exotelStatus(fields.status),
    startedAt,
    durations: {},
    notes: [],
    providerFields,
    raw,
  };
  if (present(fields.from)) call.from = normalize(fields.from);
  if (present(fields.to)) call.to = normalize(fields.to);
  // Click-to-call (`outbound-api`): `From` is the number dialled first, the agent.
  if (fields.direction === 'outbound-api' && call.from) call.agent = { phone: call.from };
  // An end sent but unreadable, or before the creation, is left for the kit's check to name:
  // the record is refused whole (one policy for every provider), never kept without its end.
  if (present(fields.endTime))
    call.endedAt = parseZonedDateTime(fields.endTime, options.timeZone) ?? new Date(Number.NaN);
  const talk = seconds(fields.talkSeconds);
  if (talk !== undefined) call.durations.talkSeconds = talk;
  if (present(fields.recordingUrl)) call.recording = { url: fields.recordingUrl };
  return call;
}

/**
 * A validated Bulk Call Details (or Call Details) record → a Call. `startedAt` is
 * `DateCreated`, the instant the API's window filters on; `StartTime` and `EndTime` are
 * read in the same zone. `raw` is the record as received.
 */
export function mapExotelCall(
  record: ExotelCallRecord,
  normalize: PhoneNormalizer,
  options: ExotelMappingOptions,
  raw: unknown = record,
): Call {
  const call = buildCall(
    {
      id: record.Sid,
      created: record.DateCreated,
      direction: record.Direction,
      status: record.Status,
      from: record.From,
      to: record.To,
      startTime: record.StartTime,
      endTime: record.EndTime,
      recordingUrl: record.RecordingUrl,
      talkSeconds: record.Details?.ConversationDuration,
      extra: {
        PhoneNumberSid: record.PhoneNumberSid,
        ParentCallSid: record.ParentCallSid,
        AnsweredBy: record.AnsweredBy,
        Leg1Status: record.Details?.Leg1Status,
        Leg2Status: record.Details?.Leg2Status,
        Leg2To: record.Details?.Leg2To,
      },
    },
    normalize,
    options,
    raw,
    'DateCreated',
  );
  const total = seconds(record.Duration);
  if (total !== undefined) call.durations.totalSeconds = total;
  // Inbound: the agent's number is `Details.Leg2To` (third-party code only: inferred).
  const leg2To = record.Details?.Leg2To;
  if (record.Direction === 'inbound' && present(leg2To)) call.agent = { phone: normalize(leg2To) };
  if (record.Price !== null && record.Price !== undefined && record.Price !== '') {
    const amount = parseMoneyAmount(record.Price) ?? Number.NaN;
    call.cost = options.currency ? { amount, currency: options.currency } : { amount };
  }
  return call;
}

/**
 * A validated StatusCallback → a Call. The callback carries no `Duration` or `Price`;
 * without `StatusCallbackEvents` it has no `DateCreated` either, and `DateUpdated` (the
 * end) stands in for the start. `talkSeconds` is `ConversationDuration`.
 */
export function mapExotelStatusCallback(
  callback: ExotelStatusCallback,
  normalize: PhoneNormalizer,
  options: ExotelMappingOptions,
  raw: unknown = callback,
): Call {
  const created = present(callback.DateCreated) ? callback.DateCreated : callback.DateUpdated;
  return buildCall(
    {
      id: callback.CallSid,
      created,
      direction: callback.Direction,
      status: callback.Status,
      from: callback.From,
      to: callback.To,
      startTime: callback.StartTime,
      endTime: callback.EndTime,
      recordingUrl: callback.RecordingUrl,
      talkSeconds: callback.ConversationDuration,
      extra: {
        PhoneNumberSid: callback.PhoneNumberSid,
        EventType: callback.EventType,
        CustomField: callback.CustomField,
        DateUpdated: callback.DateUpdated,
      },
    },
    normalize,
    options,
    raw,
    present(callback.DateCreated) ? 'DateCreated' : 'DateUpdated',
  );
}

/** How `parseExotelStatusCallback` reads a callback. */
export interface ExotelStatusCallbackOptions {
  /** The request's `content-type`: JSON when it says so, a form otherwise. */
  contentType?: string | undefined;
  /** IANA zone of the callback's date-times. Default `Asia/Kolkata` (inferred, as for the API). */
  timeZone?: string | undefined;
  /** Region for numbers written without a country code. Default `IN`. */
  defaultRegion?: CountryCode | undefined;
}

function callbackFields(body: unknown, contentType: string | undefined): unknown {
  if (body instanceof URLSearchParams) return Object.fromEntries(body);
  if (typeof body !== 'string') return body;
  const json =
    contentType === undefined ? body.trimStart().startsWith('{') : /json/i.test(contentType);
  if (!json) return Object.fromEntries(new URLSearchParams(body));
  try {
    return JSON.parse(body);
  } catch {
    throw new InvalidRequestError({
      provider: 'exotel',
      message: 'an Exotel StatusCallback: the body is not JSON',
    });
  }
}

/**
 * An Exotel StatusCallback (the request Exotel sends when a call ends) → a Call. The body
 * is JSON (`StatusCallbackContentType=application/json`) or a form (the default), as text,
 * a `URLSearchParams` or an already parsed object. Exotel signs nothing: protect the
 * receiving URL yourself (a secret path token, Basic auth, HTTPS). A body that is not a
 * StatusCallback is an `InvalidRequestError` naming the field.
 */
export function parseExotelStatusCallback(
  body: unknown,
  options: ExotelStatusCallbackOptions = {},
): Call {
  const fields = callbackFields(body, options.contentType);
  const parsed = exotelStatusCallbackSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError({
      provider: 'exotel',
      message: `not an Exotel StatusCallback: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'unreadable'}`,
    });
  }
  const normalize = createPhoneNormalizer({ defaultRegion: options.defaultRegion ?? 'IN' });
  try {
    return mapExotelStatusCallback(
      parsed.data,
      normalize,
      { timeZone: options.timeZone ?? 'Asia/Kolkata', endpoint: 'StatusCallback' },
      fields,
    );
  } catch (error) {
    if (error instanceof ResponseValidationError)
      throw new InvalidRequestError({
        provider: 'exotel',
        message: `not an Exotel StatusCallback: ${error.message}`,
      });
    throw error;
  }
}
