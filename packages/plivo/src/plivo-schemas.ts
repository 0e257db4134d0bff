import { z } from 'zod';

// TODO(plivo): the record and page exactly as the provider's docs show them, with the docs'
// sample responses saved under src/__fixtures__/ and parsed in a test. Lenient where the
// docs are loose (a number that sometimes arrives as a string), strict where the mapping
// depends on a value; the README's "What the docs leave open" records each decision.
export const plivoRecordSchema = z.object({
  id: z.string().min(1),
  /** Epoch milliseconds, UTC. */
  startedAt: z.number().int().nonnegative(),
  from: z.union([z.string(), z.number()]),
  to: z.union([z.string(), z.number()]).optional(),
  durationSeconds: z.number().nonnegative().optional(),
});

export type PlivoRecord = z.output<typeof plivoRecordSchema>;

export const plivoPageSchema = z.object({
  total: z.number().int().nonnegative(),
  records: z.array(plivoRecordSchema),
});

export type PlivoPage = z.output<typeof plivoPageSchema>;
