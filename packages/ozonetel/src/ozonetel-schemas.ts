import { z } from 'zod';

// Every field of a CDR is a string in Ozonetel's answers; `""` and `"None"` mean absent.
// The schema checks what the mapping reads and drops the rest: `raw` is the record as
// received, not this output. (Stripping rather than passing ~40 unknown fields through
// more than doubles validation speed: BENCHMARKS.md, B2.)
const text = z.string();

export const ozonetelRecordSchema = z.object({
  // Checked by the UCID rule (`assertUcid`) where it matters, with the API's own words.
  monitorUCID: z.union([z.string(), z.number()]).transform(String),
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
  // Kept as provider fields.
  Disposition: text.optional(),
  Comments: text.optional(),
  HangupBy: text.optional(),
  CampaignName: text.optional(),
  Skill: text.optional(),
  TransferType: text.optional(),
  TransferredTo: text.optional(),
  UUI: text.optional(),
  Location: text.optional(),
  FallBackRule: text.optional(),
  PhoneName: text.optional(),
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
