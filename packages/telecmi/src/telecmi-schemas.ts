import { z } from 'zod';

// Lenient where the surfaces disagree (see the package README), strict where the mapping
// depends on a value. Unknown fields pass through into `raw`.

/** `from`/`to` arrive as strings on some records and JSON numbers on others. */
const partyValue = z.union([z.string(), z.number()]);

/** `rate` is a number on REST v2 and a decimal string ("0.0000") on PIOPIY. */
const rateValue = z.union([
  z.number(),
  z.string().regex(/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/, 'expected a decimal'),
]);

const epochMs = z.number().int().nonnegative();

export const telecmiNoteSchema = z.looseObject({
  msg: z.string(),
  date: epochMs.optional(),
  agent: z.string().optional(),
});

export const telecmiRecordSchema = z
  .looseObject({
    /** REST v2 ids. */
    cmiuid: z.string().min(1).optional(),
    /** PIOPIY ids. */
    _id: z.string().min(1).optional(),
    time: epochMs,
    from: partyValue,
    to: partyValue.optional(),
    /** The agent who took or placed the call, `<extension>_<appid>` (REST v2 app records). */
    agent: z.string().optional(),
    duration: z.number().nonnegative().optional(),
    billedsec: z.number().nonnegative().optional(),
    rate: rateValue.optional(),
    filename: z.string().optional(),
    /** `"true"` on REST v2; the webhooks send a boolean. */
    record: z.union([z.string(), z.boolean()]).optional(),
    name: z.string().optional(),
    region: z.string().optional(),
    notes: z.array(telecmiNoteSchema).optional(),
  })
  .refine((record) => record.cmiuid !== undefined || record._id !== undefined, {
    message: 'a record needs an id: cmiuid or _id',
    path: ['cmiuid'],
  });

export type TelecmiRecord = z.output<typeof telecmiRecordSchema>;

/** `code` is `200` on some answers and `"200"` on others; the total is `count` or `total`. */
export const telecmiPageSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).optional(),
  count: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  cdr: z.array(telecmiRecordSchema),
});

export type TelecmiPage = z.output<typeof telecmiPageSchema>;

/** What TeleCMI sends with 400 and 404 answers, as far as it can be read. */
export const telecmiErrorBodySchema = z.looseObject({
  code: z.union([z.number(), z.string()]).optional(),
  msg: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
});
