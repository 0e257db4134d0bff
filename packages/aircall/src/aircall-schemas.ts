import { z } from 'zod';

// Only the fields the mapping reads are validated; `raw` keeps the record as received.
// Lenient where the docs are loose: every field but `id` may be absent or null (a
// `call.created` webhook sends `user: {}`), and instants and amounts may arrive as numbers or
// digit strings (Nango types `started_at` as a string). A value sent but unreadable is
// mapped to an invalid value for the kit's check to name, never dropped.
const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();
const numberOrText = z.union([z.number(), z.string()]);

/** The Call id: documented Int64 (observed beyond 32 bits), so kept as a decimal string. */
export const aircallIdSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')])
  .transform(String);

const userSchema = z.object({
  id: nullish(numberOrText),
  name: nullish(z.string()),
});

const numberSchema = z.object({
  id: nullish(numberOrText),
  name: nullish(z.string()),
  digits: nullish(z.string()),
});

const commentSchema = z.object({
  content: nullish(z.string()),
  posted_at: nullish(numberOrText),
  posted_by: nullish(userSchema),
});

const namedSchema = z.object({ name: nullish(z.string()) });

/** One Call as `GET /v1/calls`, `GET /v1/calls/{id}` and the `call.*` webhooks send it. */
export const aircallCallSchema = z.object({
  id: aircallIdSchema,
  /** `sid` in the API, `call_uuid` in webhook events. */
  sid: nullish(z.string()),
  call_uuid: nullish(z.string()),
  direct_link: nullish(z.string()),
  direction: nullish(z.string()),
  status: nullish(z.string()),
  missed_call_reason: nullish(z.string()),
  /** UNIX seconds, UTC. */
  started_at: numberOrText,
  answered_at: nullish(numberOrText),
  ended_at: nullish(numberOrText),
  /** Seconds from `started_at` to `ended_at`: ringing included. */
  duration: nullish(numberOrText),
  /** Deprecated; a decimal string in U.S. cents (inferred). */
  cost: nullish(numberOrText),
  pricing_type: nullish(z.string()),
  hangup_cause: nullish(z.string()),
  voicemail: nullish(z.string()),
  recording: nullish(z.string()),
  asset: nullish(z.string()),
  raw_digits: nullish(z.string()),
  user: nullish(userSchema),
  number: nullish(numberSchema),
  assigned_to: nullish(userSchema),
  transferred_by: nullish(userSchema),
  transferred_to: nullish(userSchema),
  archived: nullish(z.boolean()),
  comments: nullish(z.array(commentSchema)),
  tags: nullish(z.array(namedSchema)),
  teams: nullish(z.array(namedSchema)),
  country_code_a2: nullish(z.string()),
});

export type AircallCall = z.output<typeof aircallCallSchema>;

/** A page of `GET /v1/calls`: the records are checked one by one (see `readAircallPage`). */
export const aircallPageSchema = z.object({
  calls: z.array(z.unknown()),
  meta: z.object({
    count: z.number().int().nonnegative().optional(),
    total: z.number().int().nonnegative(),
    current_page: z.number().int().positive().optional(),
    per_page: z.number().int().positive().optional(),
    next_page_link: z.string().nullable(),
    previous_page_link: z.string().nullish(),
  }),
});

export type AircallPage = z.output<typeof aircallPageSchema>;

/** `GET /v1/calls/{id}`: the call in a `call` envelope (inferred). */
export const aircallCallEnvelopeSchema = z.object({ call: z.unknown() });

/** A webhook delivery: `{resource, event, timestamp, token, data}` (inferred). */
export const aircallWebhookSchema = z.object({
  resource: z.string(),
  event: z.string(),
  timestamp: nullish(numberOrText),
  token: z.string(),
  data: z.unknown(),
});

export type AircallWebhook = z.output<typeof aircallWebhookSchema>;

/**
 * Aircall's error bodies: the application's (`error`, `troubleshoot`, and on a 400 also
 * `message` and `errors`) and the edge's (`message` only). Every field optional.
 */
export const aircallErrorBodySchema = z.object({
  error: nullish(z.string()),
  message: nullish(z.string()),
  errors: nullish(z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())])),
  troubleshoot: nullish(z.string()),
});
