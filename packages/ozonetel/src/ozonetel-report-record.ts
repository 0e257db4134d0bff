import { type Call, INDIA_TIME_ZONE, parseZonedDateTime } from '@cdr/core';
import type { PhoneNormalizer } from '@cdr/core/provider-utils';
import { z } from 'zod';
import { mapOzonetelCall } from './map-ozonetel-call.js';
import type { OzonetelRecord } from './ozonetel-schemas.js';

/**
 * A `ca_reports` record (fetchCDRDetails' `details[]`): PascalCase keys, `"HH:MM:SS"`
 * durations, a separate `CallDate`, and `CallID` a bare JSON number above 2^53, read here
 * as its digits (see `parseReportsBody`). Only the published start of the sample record is
 * confirmed; `StartTime`, `EndTime`, `Type`/`CallType`, `Status`, `TimeToAnswer` and the
 * rest are read by the names of the older CDR APIs (inferred), and any of them may be
 * absent or `null`.
 */
const text = z.union([z.string(), z.number()]).nullish();

export const ozonetelReportRecordSchema = z.object({
  CallID: z
    .union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()])
    .transform(String),
  CallDate: text,
  StartTime: text,
  EndTime: text,
  AgentDialStatus: text,
  AgentID: text,
  AgentName: text,
  AgentPhoneNumber: text,
  CallAudio: text,
  AudioFile: text,
  CallerID: text,
  E164: text,
  CampaignName: text,
  Comments: text,
  CustomerDialStatus: text,
  CustomerStatus: text,
  CustomerRingTime: text,
  TimeToAnswer: text,
  DID: text,
  Did: text,
  DialStatus: text,
  DialedNumber: text,
  Disposition: text,
  Duration: text,
  CallDuration: text,
  TalkTime: text,
  Type: text,
  CallType: text,
  Status: text,
  HangupBy: text,
  Skill: text,
  TransferType: text,
  TransferredTo: text,
  UUI: text,
  Location: text,
  FallBackRule: text,
  PhoneName: text,
  UCID: text,
  monitorUCID: text,
});

export type OzonetelReportRecord = z.output<typeof ozonetelReportRecordSchema>;

/** Why a reports record cannot be read: the field, never its value. */
export class ReportRecordIssue {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

const textFields = Object.keys(ozonetelReportRecordSchema.shape).filter((key) => key !== 'CallID');

/**
 * `ozonetelReportRecordSchema`'s check without its copy, for the listing's hot path (a day
 * may hold tens of thousands of records): the fields read are checked in place, and the
 * record returned is `raw` itself, and `callId` its `CallID` as digits. An issue names the
 * field, never its value.
 */
export function readOzonetelReportRecord(
  raw: unknown,
): { record: OzonetelReportRecord; callId: string } | ReportRecordIssue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return new ReportRecordIssue('', 'expected a record');
  const record = raw as Record<string, unknown>;
  const id = record.CallID;
  let callId: string;
  if (typeof id === 'string' && /^\d{1,30}$/.test(id)) callId = id;
  else if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) callId = String(id);
  else return new ReportRecordIssue('CallID', 'expected a numeric CallID');
  for (const key of textFields) {
    const value = record[key];
    if (
      value !== undefined &&
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number'
    )
      return new ReportRecordIssue(key, 'expected a string or a number');
  }
  // `CallID` may be a safe JSON number here: `callId` is its digits either way.
  return { record: record as OzonetelReportRecord, callId };
}

const asText = (value: string | number | null | undefined): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

/** A time of day alone (`13:02:18`) is read on the record's `CallDate`. */
function dateTime(
  value: string | number | null | undefined,
  callDate: string | undefined,
): string | undefined {
  const time = asText(value)?.trim();
  if (time === undefined || time === '') return undefined;
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(time) && callDate) return `${callDate} ${time}`;
  return time;
}

/**
 * A reports record in the shape of the CDR-by-UCID record, so that both endpoints share
 * one mapping: `CallID` is the id, `E164` (else `CallerID`) the customer, `DID` the
 * account's number, `CallAudio` the recording.
 */
export function toLookupRecord(
  record: OzonetelReportRecord,
  callId: string = record.CallID,
): OzonetelRecord | string {
  const callDate = asText(record.CallDate)?.trim();
  const start = dateTime(record.StartTime, callDate);
  if (start === undefined) return 'StartTime';
  const shaped: Record<string, string | undefined> = {
    monitorUCID: callId,
    StartTime: start,
    EndTime: dateTime(record.EndTime, callDate),
    TimeToAnswer: asText(record.TimeToAnswer ?? record.CustomerRingTime),
    CallDuration: asText(record.CallDuration),
    Duration: asText(record.TalkTime ?? record.Duration),
    Type: asText(record.Type ?? record.CallType),
    Status: asText(record.Status),
    DialStatus: asText(record.DialStatus),
    AgentStatus: asText(record.AgentDialStatus),
    CustomerStatus: asText(record.CustomerDialStatus ?? record.CustomerStatus),
    CallerID: asText(record.E164 ?? record.CallerID),
    DialedNumber: asText(record.DialedNumber),
    Did: asText(record.DID ?? record.Did),
    AgentID: asText(record.AgentID),
    AgentName: asText(record.AgentName),
    AgentPhoneNumber: asText(record.AgentPhoneNumber),
    AudioFile: asText(record.CallAudio ?? record.AudioFile),
    Disposition: asText(record.Disposition),
    Comments: asText(record.Comments),
    HangupBy: asText(record.HangupBy),
    CampaignName: asText(record.CampaignName),
    Skill: asText(record.Skill),
    TransferType: asText(record.TransferType),
    TransferredTo: asText(record.TransferredTo),
    UUI: asText(record.UUI),
    Location: asText(record.Location),
    FallBackRule: asText(record.FallBackRule),
    PhoneName: asText(record.PhoneName),
  };
  // Every value is a string already (the schema above checked them): no second validation.
  const shapedRecord: Record<string, string> = {};
  for (const key in shaped) {
    const value = shaped[key];
    if (value !== undefined) shapedRecord[key] = value;
  }
  return shapedRecord as unknown as OzonetelRecord;
}

/**
 * A reports record → a Call (or the name of the field that cannot be read). The id is the
 * call's UCID (`monitorUCID`, else `UCID`) when the record has one, as lookups and pushes
 * name the call, so that one call is one `Call` whichever way it arrived; else `CallID`.
 * `CallID` is always kept, exactly, in `providerFields.CallID`.
 */
export function mapOzonetelReportRecord(
  record: OzonetelReportRecord,
  normalize: PhoneNormalizer,
  raw: unknown,
  callId: string = record.CallID,
): Call | string {
  const shaped = toLookupRecord(record, callId);
  if (typeof shaped === 'string') return shaped;
  const call = mapOzonetelCall(shaped, normalize, raw);
  if (typeof call === 'string') return call;
  const ucid = asText(record.monitorUCID ?? record.UCID)?.trim();
  if (ucid && /^\d{1,30}$/.test(ucid)) call.id = ucid;
  call.providerFields = { ...call.providerFields, CallID: callId };
  return call;
}

/** The IST start of a reports record, for tests and tools: `undefined` when unreadable. */
export function reportRecordStart(record: OzonetelReportRecord): Date | undefined {
  const start = dateTime(record.StartTime, asText(record.CallDate)?.trim());
  return start === undefined ? undefined : parseZonedDateTime(start, INDIA_TIME_ZONE);
}
