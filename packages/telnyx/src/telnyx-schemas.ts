import { z } from 'zod';

// Telnyx's detail records are not typed for voice in its OpenAPI spec (the `oneOf` lists
// message, conference, AMD, verify… records only), so these schemas follow the one official
// call record sample (the WebRTC page) and are lenient where types vary by record type
// (`country_code` and `billing_group_id` are numbers there, strings elsewhere). Only the
// fields the mapping reads are validated; `raw` keeps the record as received.

const text = z.string().nullish();
const numberish = z.union([z.number(), z.string()]).nullish();

/** One voice detail record (`call-control`, `sip-trunking` or `webrtc`): one call leg. */
export const telnyxRecordSchema = z.object({
  id: z.string().min(1),
  record_type: text,
  direction: text,
  cli: text,
  cld: text,
  caller_name: text,
  started_at: z.string(),
  finished_at: text,
  /** Named in the SDK 7.24.0 docs for call-control and sip-trunking records; absent from the WebRTC sample. */
  answered_at: text,
  call_sec: numberish,
  billed_sec: numberish,
  rate: numberish,
  cost: numberish,
  currency: text,
  /** Inferred (third-party code sees them on `call-control` records): answered / attempted. */
  connected: z.boolean().nullish(),
  attempted: z.boolean().nullish(),
  telnyx_session_id: text,
  telnyx_leg_id: text,
  telnyx_call_control_id: text,
  connection_id: numberish,
  connection_name: text,
  auth_username: text,
  sip_call_id: text,
  tags: text,
  billing_group_id: numberish,
  billing_group_name: text,
  payment_method: text,
  call_id: text,
  session_id: text,
});

export type TelnyxRecord = z.output<typeof telnyxRecordSchema>;

/** `GET /v2/detail_records`: records (each read on its own) and the page-number envelope. */
export const telnyxPageSchema = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    total_pages: z.number().int().nonnegative(),
    total_results: z.number().int().nonnegative(),
    page_number: z.number().int().nonnegative().optional(),
    page_size: z.number().int().nonnegative().optional(),
  }),
});

export type TelnyxPage = z.output<typeof telnyxPageSchema>;

/** Telnyx's error envelope: `code` is a string of digits; 429 and 400 share `10011`. */
export const telnyxErrorBodySchema = z.object({
  errors: z
    .array(
      z.object({
        code: z.union([z.string(), z.number()]).optional(),
        title: z.string().optional(),
        detail: z.string().optional(),
      }),
    )
    .min(1),
});

/** A Call Control webhook: `{ data: { event_type, id, occurred_at, payload } }`. */
export const telnyxWebhookSchema = z.object({
  data: z.object({
    event_type: z.string(),
    id: z.string().min(1),
    occurred_at: z.string().optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type TelnyxWebhook = z.output<typeof telnyxWebhookSchema>;
