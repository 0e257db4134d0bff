import type { Call, CallNote, CallParty } from '@cdr/core';
import { type PhoneNormalizer, parseMoneyAmount } from '@cdr/core/provider-utils';
import type { TelecmiEndpoint, TelecmiEndpointGroup } from './telecmi-endpoints.js';
import type { TelecmiRecord } from './telecmi-schemas.js';

const countryPattern = /^[A-Z]{2}$/;

/** What the mapping needs besides the record: how the account wants amounts read. */
export interface TelecmiMappingOptions {
  /** ISO 4217 code of `rate`, when the account knows it: TeleCMI does not say. */
  currency?: string | undefined;
}

/**
 * One validated TeleCMI record → a Call. The record has passed `telecmiRecordSchema`, so
 * every value used here has the type the mapping needs; direction and status come from
 * the endpoint that served it. The same mapping serves the listings and the webhooks.
 */
export function mapTelecmiCall(
  record: TelecmiRecord,
  // A webhook's call has no endpoint, hence no group unless it left a voicemail.
  endpoint: Pick<TelecmiEndpoint, 'direction' | 'status'> & { group?: TelecmiEndpointGroup },
  normalize: PhoneNormalizer,
  options: TelecmiMappingOptions = {},
): Call {
  const inbound = endpoint.direction === 'inbound';
  // TeleCMI's `name` is the contact name of the customer's number ("unknown" when none):
  // the caller on an inbound call, the number called on an outbound one.
  const contactName = record.name && record.name !== 'unknown' ? record.name : undefined;
  const party = (value: string | number | undefined, customer: boolean): CallParty | undefined =>
    value === undefined || value === ''
      ? undefined
      : normalize(value, customer ? contactName : undefined);
  const from = party(record.from, inbound);
  const to = party(record.to, !inbound);

  const call: Call = {
    id: (record.cmiuid ?? record._id)!,
    provider: 'telecmi',
    direction: endpoint.direction,
    status: endpoint.status,
    startedAt: new Date(record.time),
    durations: {},
    notes: record.notes?.map(toNote) ?? [],
    raw: record,
  };
  if (from) call.from = from;
  if (to) call.to = to;
  // The agent is named in `agent` (REST v2 apps), or is the identifier (`103_1111113`) that
  // placed or took the call.
  const agentId =
    record.agent ||
    (from?.kind === 'identifier' ? from.raw : to?.kind === 'identifier' ? to.raw : undefined);
  if (agentId) call.agent = { id: agentId };
  if (record.duration !== undefined) {
    call.durations.totalSeconds = record.duration;
    call.endedAt = new Date(record.time + record.duration * 1000);
  }
  if (record.billedsec !== undefined) call.durations.billedSeconds = record.billedsec;
  if (record.rate !== undefined) {
    const amount = parseMoneyAmount(record.rate)!;
    call.cost = options.currency ? { amount, currency: options.currency } : { amount };
  }
  if (record.filename) call.recording = { fileName: record.filename };
  if (record.region && countryPattern.test(record.region)) call.country = record.region;
  if (endpoint.group === 'voicemail') call.providerFields = { voicemail: 'true' };
  return call;
}

function toNote(note: NonNullable<TelecmiRecord['notes']>[number]): CallNote {
  const result: CallNote = { text: note.msg };
  if (note.date !== undefined) result.createdAt = new Date(note.date);
  if (note.agent) result.author = note.agent;
  return result;
}
