import { z } from 'zod';

// Every field of Twilio's call record is nullable in the OpenAPI spec (twilio_api_v2010.json,
// `api.v2010.account.call`): only the ones the mapping reads are validated, and `raw` keeps
// the record as received. Strings stay strings (`duration`, `price`, `queue_time` are
// strings on the wire).
const text = z.string().nullish();

export const twilioCallSchema = z.object({
  sid: z.string().min(1),
  account_sid: text,
  parent_call_sid: text,
  from: text,
  to: text,
  direction: text,
  status: text,
  start_time: text,
  end_time: text,
  date_created: text,
  duration: text,
  price: text,
  price_unit: text,
  answered_by: text,
  forwarded_from: text,
  caller_name: text,
  phone_number_sid: text,
  group_sid: text,
  trunk_sid: text,
  queue_time: text,
  subresource_uris: z.object({ recordings: text }).partial().nullish(),
});

export type TwilioCall = z.output<typeof twilioCallSchema>;

/** A page of `GET /2010-04-01/Accounts/{AccountSid}/Calls.json`: no total, a relative next URI. */
// Each record is checked on its own (`readPage`): one that fails its schema is reported and
// kept aside, and the rest of the page is listed.
export const twilioCallPageSchema = z.object({
  calls: z.array(z.unknown()),
  next_page_uri: z.string().min(1).nullish(),
  page: z.number().int().nonnegative().optional(),
  page_size: z.number().int().positive().optional(),
});

export type TwilioCallPage = z.output<typeof twilioCallPageSchema>;

/** Twilio's error body (the SDK's `RestException` reads these fields). */
export const twilioErrorBodySchema = z.object({
  code: z.number().int().optional(),
  message: z.string().optional(),
  more_info: z.string().optional(),
  status: z.number().int().optional(),
});
