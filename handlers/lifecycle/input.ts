import * as z from 'zod';
import { electionId, isoTime } from '../api/schemas';

/** The workflow's input, as `startLifecycle` gives it; every task receives it (plus its own fields). */
export const lifecycleInput = z.object({ electionId, opensAt: isoTime, closesAt: isoTime });

/** One batch of a mailing: the roll entries between two student ids, at most BULK_LIMIT of them. */
export const mailBatch = z.strictObject({
  electionId,
  batch: z.int().nonnegative(),
  first: z.string().min(1),
  last: z.string().min(1),
});
export type MailBatch = z.infer<typeof mailBatch>;

export const failedStep = lifecycleInput.extend({
  failedStep: z.string(),
  failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});
