import { z } from 'zod';

// Only the fields the mapping reads are validated; `raw` keeps the record as received. The
// docs type durations as integers and amounts as 5-decimal strings; both are accepted in
// either form (a drift between the two should not lose a call), and read strictly later.
const text = z.string().nullish();
const count = z.union([z.number(), z.string()]).nullish();

/** A Call object (CDR) of `GET /v1/Account/{auth_id}/Call/` and `…/Call/{call_uuid}/`. */
export const plivoRecordSchema = z.object({
  call_uuid: z.string().min(1),
  call_direction: text,
  from_number: text,
  to_number: text,
  initiation_time: text,
  answer_time: text,
  end_time: text,
  call_duration: count,
  bill_duration: count,
  billed_duration: count,
  total_amount: count,
  total_rate: count,
  parent_call_uuid: text,
  hangup_cause_code: count,
  hangup_cause_name: text,
  hangup_source: text,
  call_state: text,
  conference_uuid: text,
  stir_verification: text,
  voice_network_group: text,
  source_ip: text,
  resource_uri: text,
});

export type PlivoRecord = z.output<typeof plivoRecordSchema>;

/**
 * A page of the list: `meta.next` is a path on the same host (`/v1/Account/…/Call/?…`),
 * `null` on the last page. `total_count` is optional: Plivo removed it from the sibling
 * message list in 2021, and paging stops on `next`, never on the count.
 */
export const plivoPageSchema = z.object({
  meta: z.object({
    limit: z.number().int().positive(),
    offset: z.number().int().nonnegative(),
    next: z.string().min(1).nullish(),
    previous: z.string().nullish(),
    total_count: z.number().int().nonnegative().nullish(),
  }),
  // Each record is checked on its own: one that fails its schema is reported and set aside.
  objects: z.array(z.unknown()),
});

export type PlivoPage = z.output<typeof plivoPageSchema>;

/** Plivo's error body: `error` (a message) and `api_id`, as every official SDK reads it. */
export const plivoErrorBodySchema = z.object({
  api_id: z.string().optional(),
  error: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});
