import { z } from 'zod';
import { isCurrencyCode } from './currency-code.js';

/**
 * An instant in time. In memory a `Date`; in JSON (through `Date#toJSON`) an ISO 8601
 * string in UTC such as `2022-01-10T04:38:55.771Z`. The schema accepts both, so
 * `callSchema.parse(JSON.parse(JSON.stringify(call)))` gives back an equal Call.
 */
const instantSchema = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);

export const callDirections = ['inbound', 'outbound', 'unknown'] as const;
export type CallDirection = (typeof callDirections)[number];

export const callStatuses = ['answered', 'missed', 'busy', 'failed', 'unknown'] as const;
export type CallStatus = (typeof callStatuses)[number];

/**
 * One end of a call. `raw` is always what the provider sent. A phone number that parses
 * also has `phoneNumber` in E.164 (`+919100000000`); an identifier that is not a phone
 * number (an agent id such as `103_1111113`, a SIP user) has `kind: 'identifier'`.
 */
export const callPartySchema = z.object({
  kind: z.enum(['phone', 'identifier']),
  raw: z.string(),
  phoneNumber: z.string().optional(),
  name: z.string().optional(),
});
export type CallParty = z.output<typeof callPartySchema>;

export const callNoteSchema = z.object({
  text: z.string(),
  createdAt: instantSchema.optional(),
  /** Who wrote it: an agent or user id as the provider gives it. */
  author: z.string().optional(),
});
export type CallNote = z.output<typeof callNoteSchema>;

export const callAgentSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  phone: callPartySchema.optional(),
});
export type CallAgent = z.output<typeof callAgentSchema>;

const seconds = z.number().nonnegative();

export const callDurationsSchema = z.object({
  /** From the start of the call to its end. */
  totalSeconds: seconds.optional(),
  /** What the provider billed. */
  billedSeconds: seconds.optional(),
  /** Connected time: both parties talking. */
  talkSeconds: seconds.optional(),
  /** Time to answer. */
  ringSeconds: seconds.optional(),
});
export type CallDurations = z.output<typeof callDurationsSchema>;

export const callCostSchema = z.object({
  amount: z.number(),
  /** ISO 4217, when the provider says. */
  currency: z
    .string()
    .refine(isCurrencyCode, 'expected an ISO 4217 currency code such as INR or USD')
    .optional(),
});
export type CallCost = z.output<typeof callCostSchema>;

export const callRecordingSchema = z.object({
  url: z.string().optional(),
  fileName: z.string().optional(),
});
export type CallRecording = z.output<typeof callRecordingSchema>;

/**
 * The normalized call-detail record: the only shape a provider returns.
 *
 * `id` is unique within `provider`; `(provider, id)` is unique across providers.
 * Fields a provider does not give are absent, never `null` or `''`.
 */
export const callSchema = z.object({
  id: z.string().min(1),
  /** The provider package's name for itself, e.g. `telecmi` or `ozonetel`. */
  provider: z.string().min(1),
  direction: z.enum(callDirections),
  status: z.enum(callStatuses),
  from: callPartySchema.optional(),
  to: callPartySchema.optional(),
  startedAt: instantSchema,
  endedAt: instantSchema.optional(),
  durations: callDurationsSchema,
  cost: callCostSchema.optional(),
  recording: callRecordingSchema.optional(),
  agent: callAgentSchema.optional(),
  notes: z.array(callNoteSchema),
  /** ISO 3166-1 alpha-2 country of the other party or destination, when known. */
  country: z.string().length(2).optional(),
  region: z.string().optional(),
  /** Provider-specific fields that have no place above (campaign, disposition, hangup side…), as strings. */
  providerFields: z.record(z.string(), z.string()).optional(),
  /** The provider's own record, untouched. */
  raw: z.unknown(),
});

/** A normalized call-detail record. */
export type Call = z.output<typeof callSchema>;
/** A Call as it may arrive from JSON: instants as ISO strings or Dates. */
export type CallInput = z.input<typeof callSchema>;

/** Parses a Call from JSON-shaped data (e.g. `JSON.parse` of a stored Call), reviving its Dates. */
export function parseCall(value: unknown): Call {
  return callSchema.parse(value);
}
