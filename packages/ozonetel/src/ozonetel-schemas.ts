import { z } from 'zod';

// Every field of a CDR is a string in Ozonetel's answers; `""` and `"None"` mean absent.
// Only what the mapping needs is required; the rest passes through into `raw`.
const text = z.string();

export const ozonetelRecordSchema = z.looseObject({
  monitorUCID: z.union([z.string().min(1), z.number()]).transform(String),
  StartTime: text,
  EndTime: text.optional(),
  TimeToAnswer: text.optional(),
  CallDuration: text.optional(),
  Duration: text.optional(),
  Type: text.optional(),
  Status: text.optional(),
  DialStatus: text.optional(),
  AgentStatus: text.optional(),
  CustomerStatus: text.optional(),
  CallerID: z.union([text, z.number()]).optional(),
  DialedNumber: z.union([text, z.number()]).optional(),
  Did: z.union([text, z.number()]).optional(),
  /** The callback push spells it `dId`. */
  dId: z.union([text, z.number()]).optional(),
  AgentID: text.optional(),
  AgentName: text.optional(),
  AgentPhoneNumber: z.union([text, z.number()]).optional(),
  AudioFile: text.optional(),
});

export type OzonetelRecord = z.output<typeof ozonetelRecordSchema>;

/**
 * `message` is an array of records on success, and a string on "No Data Found" and on
 * every error.
 */
export const ozonetelResponseSchema = z.looseObject({
  status: z.string(),
  message: z.union([z.string(), z.array(ozonetelRecordSchema)]),
});

export type OzonetelResponse = z.output<typeof ozonetelResponseSchema>;
