import { z } from 'zod';

// Vonage Voice API, `GET /v1/calls` and `GET /v1/calls/{uuid}` (fact sheet §4). Only the
// fields the mapping reads are validated; `raw` keeps the record as received.

// Absent, null and "" all occur for a value not known yet (a cancelled leg's `start_time: ""`,
// issue #443 of the Java SDK; `null` in the webhooks): the mapping treats them alike.
const optionalText = z.string().nullish();

/**
 * An endpoint (`to`, `from`): `{type: "phone", number}`, `{type: "sip", uri}`,
 * `{type: "websocket", uri}`, `{type: "vbc", extension}`, `{type: "app", user}`. An old PHP
 * fixture has them as one-element arrays: both are read.
 */
const endpointObjectSchema = z.object({
  type: optionalText,
  number: z.union([z.string(), z.number()]).nullish(),
  uri: optionalText,
  user: optionalText,
  extension: z.union([z.string(), z.number()]).nullish(),
});
const vonageEndpointSchema = z.union([endpointObjectSchema, z.array(endpointObjectSchema).max(1)]);
export type VonageEndpoint = z.output<typeof vonageEndpointSchema>;

/** One call leg (`GetCallResponse`). */
export const vonageRecordSchema = z.object({
  uuid: z.string().min(1),
  conversation_uuid: optionalText,
  status: optionalText,
  direction: optionalText,
  // Strings in the spec; the Java SDK reads them as numbers, so a number is accepted too.
  rate: z.union([z.string(), z.number()]).nullish(),
  price: z.union([z.string(), z.number()]).nullish(),
  duration: z.union([z.string(), z.number()]).nullish(),
  start_time: optionalText,
  end_time: optionalText,
  network: optionalText,
  recording_url: optionalText,
  to: vonageEndpointSchema.nullish(),
  from: vonageEndpointSchema.nullish(),
});
export type VonageRecord = z.output<typeof vonageRecordSchema>;

const linkSchema = z.object({ href: z.string() }).nullish();

/**
 * The HAL page. Records are checked one by one (`vonageRecordSchema`), so that one record
 * that fails is reported alone instead of failing the page.
 */
export const vonagePageSchema = z.object({
  count: z.number().int().nonnegative().nullish(),
  page_size: z.number().int().nullish(),
  record_index: z.number().int().nullish(),
  _links: z.object({ next: linkSchema }).nullish(),
  // Absent when nothing matches in some samples; `{calls: []}` in others.
  _embedded: z.object({ calls: z.array(z.unknown()).nullish() }).nullish(),
});

/** The `completed` event webhook (fact sheet §7): `from`/`to` are plain strings here. */
export const vonageCompletedEventSchema = z.object({
  uuid: z.string().min(1),
  conversation_uuid: optionalText,
  status: z.string(),
  direction: optionalText,
  from: z.union([z.string(), z.number()]).nullish(),
  to: z.union([z.string(), z.number()]).nullish(),
  timestamp: optionalText,
  start_time: optionalText,
  end_time: optionalText,
  rate: z.union([z.string(), z.number()]).nullish(),
  price: z.union([z.string(), z.number()]).nullish(),
  duration: z.union([z.string(), z.number()]).nullish(),
  network: optionalText,
});
export type VonageCompletedEvent = z.output<typeof vonageCompletedEventSchema>;
