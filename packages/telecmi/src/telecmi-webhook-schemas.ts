import { z } from 'zod';

// TeleCMI's CDR webhooks (doc.telecmi.com, CHUB "Incoming/Outgoing Answered/Missed CDR" and
// the India pages) are requests to the application, not answers to it: whatever fails here
// is the sender's fault and becomes an `InvalidRequestError`. The published samples disagree
// on representation (`from` a string or a number, `record` `true` or `"true"`), and a GET
// delivery or a form body sends every value as text, so values are read leniently; what
// the mapping relies on (an id, a time, a direction) is required and checked.

const earliestMs = Date.UTC(2000, 0, 1);
const latestMs = Date.UTC(2100, 0, 1);
// No call lasts 30 days: a longer duration is a unit mistake or garbage (`1e300`).
const longestSeconds = 30 * 86_400;

/** A number, or the same number written as text (form bodies, GET query strings). */
const numeric = (message: string) =>
  z.union(
    [
      z.number(),
      z
        .string()
        .regex(/^\s*\d+(\.\d+)?\s*$/, message)
        .transform(Number),
    ],
    {
      error: message,
    },
  );

const epochMilliseconds = numeric('expected epoch milliseconds').pipe(
  z
    .number()
    .int('expected whole epoch milliseconds')
    .min(earliestMs, 'expected epoch milliseconds between 2000 and 2100')
    .max(latestMs - 1, 'expected epoch milliseconds between 2000 and 2100'),
);

const seconds = numeric('expected seconds').pipe(
  z
    .number()
    .nonnegative('expected seconds, 0 or more')
    .max(longestSeconds, `expected at most ${longestSeconds} seconds`),
);

/**
 * TeleCMI's ids are UUIDs. Any id of up to 128 safe characters is accepted, nothing else:
 * an id becomes a storage key, and an error may name it.
 */
const identifier = z
  .string({ error: 'expected an id' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
    'expected an id of up to 128 letters, digits, ".", "_", ":" or "-"',
  );

/** A number as text, or as a JSON number small enough to hold every digit. */
const partyValue = z.union(
  [
    z.string().max(64, 'expected at most 64 characters'),
    z.number().int().nonnegative().refine(Number.isSafeInteger, 'expected a number below 2^53'),
  ],
  { error: 'expected a phone number or an id, as text or a whole number below 2^53' },
);

/** `true`, `"true"`, `false`, `"false"` — the samples use both forms. */
const flag = z
  .union([z.boolean(), z.string().max(8)], { error: 'expected true or false' })
  .transform(
    (value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true'),
  );

const text = (maximum: number) => z.string().max(maximum, `expected at most ${maximum} characters`);

/** What every TeleCMI webhook starts with: a CDR after the call, or a live event during it. */
export const telecmiWebhookTypeSchema = z.looseObject({
  type: z.enum(['cdr', 'event'], { error: 'expected "cdr" or "event"' }),
});

/**
 * One CDR webhook: one leg of a call. Unknown fields (`custom`, `ivr_name`, `request_id`,
 * `call_id`, …) pass through and stay in the Call's `raw`.
 */
export const telecmiWebhookPayloadSchema = z.looseObject({
  type: z.literal('cdr', { error: 'expected "cdr"' }),
  direction: z.enum(['inbound', 'outbound'], { error: 'expected "inbound" or "outbound"' }),
  /** The leg's own id; on leg a (and on a call without legs) also the call's. */
  cmiuuid: identifier,
  /** The id of the whole conversation: leg a's `cmiuuid`, carried by every leg. */
  conversation_uuid: identifier.optional(),
  /** `a` or `b`; absent on a call with one leg. */
  leg: z.enum(['a', 'b'], { error: 'expected "a" or "b"' }).optional(),
  /** `answered` or `missed` on the published samples. */
  status: text(64),
  time: epochMilliseconds,
  from: partyValue.optional(),
  /** The number called (outbound), or the user's phone that took the call (inbound). */
  to: partyValue.optional(),
  /** The account's number: the DID called (inbound) or the caller ID shown (outbound). */
  virtual_number: partyValue.optional(),
  /** The caller ID, on some outbound events. */
  callerid: partyValue.optional(),
  /** The user (agent), `<extension>_<appid>`. */
  user: text(256).optional(),
  team: text(256).optional(),
  answeredsec: seconds.optional(),
  waitedsec: seconds.optional(),
  hangup_reason: text(64).optional(),
  record: flag.optional(),
  filename: text(1024).optional(),
  voicemail: flag.optional(),
  voicename: text(1024).optional(),
});

export type TelecmiWebhookPayload = z.output<typeof telecmiWebhookPayloadSchema>;
