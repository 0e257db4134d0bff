import { z } from 'zod';

// Exotel sends numbers as strings in some places (`Duration: "17"`, `Price: "1.500"`) and
// as numbers in others (`ConversationDuration: 8`): both are accepted where either could come.
const numeric = z.union([z.number(), z.string()]);
const optionalText = z.string().nullish();

/**
 * One record of Bulk Call Details (and of single Call Details). Only the fields the mapping
 * reads are validated; `raw` keeps the record as received.
 */
export const exotelCallSchema = z.object({
  Sid: z.string().min(1),
  DateCreated: z.string(),
  Status: z.string(),
  Direction: z.string(),
  From: optionalText,
  To: optionalText,
  StartTime: optionalText,
  EndTime: optionalText,
  Duration: numeric.nullish(),
  Price: numeric.nullish(),
  RecordingUrl: optionalText,
  PhoneNumberSid: optionalText,
  ParentCallSid: optionalText,
  AnsweredBy: optionalText,
  Details: z
    .object({
      ConversationDuration: numeric.nullish(),
      Leg1Status: optionalText,
      Leg2Status: optionalText,
      Leg2To: optionalText,
    })
    .nullish(),
});

export type ExotelCallRecord = z.output<typeof exotelCallSchema>;

/** A page of Bulk Call Details: `Metadata.NextPageUri` is the cursor, absent or null at the end. */
export const exotelPageSchema = z.object({
  Metadata: z
    .object({
      NextPageUri: z.string().nullish(),
    })
    .nullish(),
  Calls: z.array(exotelCallSchema),
});

export type ExotelPage = z.output<typeof exotelPageSchema>;

/** Single Call Details: `{ "Call": {...} }`. */
export const exotelCallDetailsSchema = z.object({ Call: exotelCallSchema });

/** Exotel's error envelope (`RestException`); the new docs add a `Code`. */
export const exotelErrorBodySchema = z.object({
  RestException: z.object({
    Status: numeric.nullish(),
    Message: z.string().nullish(),
    Code: numeric.nullish(),
  }),
});

/**
 * A StatusCallback, as JSON (`StatusCallbackContentType=application/json`) or as a form
 * (the default): form values are all strings, hence `numeric`. Only `CallSid`, `Status`
 * and `DateUpdated` are always sent; the rest needs `StatusCallbackEvents`.
 */
export const exotelStatusCallbackSchema = z.object({
  CallSid: z.string().min(1),
  Status: z.string(),
  DateUpdated: z.string(),
  RecordingUrl: optionalText,
  EventType: optionalText,
  DateCreated: optionalText,
  To: optionalText,
  From: optionalText,
  PhoneNumberSid: optionalText,
  StartTime: optionalText,
  EndTime: optionalText,
  ConversationDuration: numeric.nullish(),
  Direction: optionalText,
  CustomField: optionalText,
});

export type ExotelStatusCallback = z.output<typeof exotelStatusCallbackSchema>;
